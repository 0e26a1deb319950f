using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Quantify.Tests.Protocols;

/// <summary>
/// A Linux pseudo-terminal pair standing in for an RS485 serial line: a program that wants a serial device
/// (mbpoll -m rtu, System.IO.Ports) opens <see cref="DevicePath"/>, and the simulator serves the other end (<see cref="Line"/>).
/// The test keeps one handle on the device side open, so the line survives each client opening and closing it.
/// </summary>
public sealed class ModbusPseudoTerminal : IDisposable
{
    private const int ORdWr = 0x2;
    private const int ONoCtty = 0x100;
    private int heldDeviceFd;

    private ModbusPseudoTerminal(int masterFd, string devicePath, int heldDeviceFd)
    {
        DevicePath = devicePath;
        this.heldDeviceFd = heldDeviceFd;
        Line = new FileStream(new SafeFileHandle(masterFd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The serial-device end, e.g. /dev/pts/3.</summary>
    public string DevicePath { get; }

    /// <summary>The other end of the line, as a stream.</summary>
    public Stream Line { get; }

    public static ModbusPseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Pseudo-terminals are used on Linux only.");
        var master = posix_openpt(ORdWr | ONoCtty);
        if (master < 0) throw new IOException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()}): /dev/ptmx is needed for the RTU tests.");
        var name = new byte[128];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, (nuint)name.Length) != 0)
        {
            close(master);
            throw new IOException($"Could not set up the pseudo-terminal (errno {Marshal.GetLastPInvokeError()}).");
        }
        var path = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var held = open(path, ORdWr | ONoCtty);
        if (held < 0)
        {
            close(master);
            throw new IOException($"Could not open {path} (errno {Marshal.GetLastPInvokeError()}).");
        }
        return new ModbusPseudoTerminal(master, path, held);
    }

    /// <summary>Closes the device side first, so a read blocked on <see cref="Line"/> returns (EIO) and the server ends.</summary>
    public void CloseDeviceSide()
    {
        var fd = Interlocked.Exchange(ref heldDeviceFd, -1);
        if (fd >= 0) close(fd);
    }

    public void Dispose()
    {
        CloseDeviceSide();
        Line.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, [Out] byte[] buffer, nuint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
