using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// A Modbus TCP slave imitating an Eastron SDM120, written here byte by byte from the Modbus Application Protocol
/// v1.1b3 (MBAP header: transaction id, protocol 0, length, unit id; function 0x04 Read Input Registers answers byte
/// count + register values) and Eastron's SDM120 register table (30343 "Total active energy", kWh, IEEE 754 float32 in
/// two big-endian registers, PDU address 0x0156). It shares no code with Quantify's Modbus stack, so the poller and
/// the billing rules are checked against a device that does not agree with them by construction.
/// </summary>
public sealed class Sdm120TcpSlave : IAsyncDisposable
{
    private const ushort TotalActiveEnergy = 0x0156;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly byte unitId;
    private float kwh;

    public Sdm120TcpSlave(byte unitId, float kwh)
    {
        this.unitId = unitId;
        this.kwh = kwh;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>What the meter's register shows (a glitching meter shows less than it has counted).</summary>
    public float Kwh { get => Volatile.Read(ref kwh); set => Volatile.Write(ref kwh, value); }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested) _ = ServeAsync(await listener.AcceptTcpClientAsync(stop.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new byte[7];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.ReadExactlyAsync(header, stop.Token);
                    var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
                    var pdu = new byte[length - 1];
                    await stream.ReadExactlyAsync(pdu, stop.Token);
                    byte[] reply;
                    if (header[6] != unitId) continue; // Another unit's request: a real RS485 gateway would time out.
                    if (pdu[0] == 0x04 && BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(1)) == TotalActiveEnergy && BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(3)) == 2)
                    {
                        reply = new byte[6];
                        reply[0] = 0x04;
                        reply[1] = 4;
                        BinaryPrimitives.WriteSingleBigEndian(reply.AsSpan(2), Kwh);
                    }
                    else reply = [(byte)(pdu[0] | 0x80), 0x02]; // Exception 02: illegal data address.
                    var frame = new byte[7 + reply.Length];
                    header.AsSpan(0, 4).CopyTo(frame); // transaction id, protocol id
                    BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(reply.Length + 1));
                    frame[6] = unitId;
                    reply.CopyTo(frame, 7);
                    await stream.WriteAsync(frame, stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException or ObjectDisposedException)
            {
                // Client went away or we are stopping.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
