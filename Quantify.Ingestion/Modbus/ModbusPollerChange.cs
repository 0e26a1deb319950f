namespace Quantify.Ingestion.Modbus;

/// <summary>What <see cref="ModbusPoller.Update"/> changed: meters added (polled at once), removed, or with new settings.</summary>
public sealed record ModbusPollerChange(int Added, int Removed, int Changed)
{
    public bool Any => Added + Removed + Changed > 0;
}
