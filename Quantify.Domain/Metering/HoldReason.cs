namespace Quantify.Domain.Metering;

/// <summary>Why a reading was held: stored, never billed, never the meter's baseline until an admin resolves it.</summary>
public enum HoldReason
{
    /// <summary>Stamped further after the time it arrived than the tolerance allows (a bad device clock or a corrupted payload).</summary>
    FutureTimestamp,
    /// <summary>Stamped before the meter's installation date.</summary>
    BeforeInstallation,
    /// <summary>The register is below the meter's highest accepted register (a glitch, tamper or an unregistered replacement).</summary>
    RegisterBelowHighest,
    /// <summary>A jump no real installation could consume in the time.</summary>
    ImplausibleJump,
}

public static class HoldReasons
{
    public static string Describe(this HoldReason reason) => reason switch
    {
        HoldReason.FutureTimestamp => "Stamped in the future",
        HoldReason.BeforeInstallation => "Stamped before installation",
        HoldReason.RegisterBelowHighest => "Register below the highest accepted",
        _ => "Implausible jump",
    };
}
