namespace Quantify.Ingestion.Modbus;

/// <summary>A relay coil changed state: from a master's write or from <see cref="ModbusSimulatedMeter.SetRelay"/>.</summary>
public sealed class ModbusRelayChangedEventArgs(byte unitId, bool closed) : EventArgs
{
    public byte UnitId { get; } = unitId;
    public bool Closed { get; } = closed;
}

/// <summary>
/// One simulated meter: the registers and relay coil its <see cref="ModbusRegisterMap"/> defines, answering requests as
/// the real device would. Reads or writes outside the map get exception 02. Thread-safe.
/// </summary>
public sealed class ModbusSimulatedMeter
{
    private readonly Lock sync = new();
    private readonly Dictionary<(ModbusTable Table, ushort Address), ushort> words = [];
    private readonly Dictionary<ushort, bool> coils = [];

    public ModbusSimulatedMeter(byte unitId, ModbusRegisterMap map, bool relayClosed = true)
    {
        UnitId = unitId;
        Map = map;
        foreach (var r in map.Registers)
            for (var i = 0; i < r.RegisterCount; i++) words[(r.Table, (ushort)(r.Address + i))] = 0;
        if (map.RelayCoil is { } coil) coils[coil.Address] = relayClosed;
    }

    public byte UnitId { get; }
    public ModbusRegisterMap Map { get; }

    /// <summary>Raised after the relay coil changes; handlers run on the thread that changed it, outside the meter's lock.</summary>
    public event EventHandler<ModbusRelayChangedEventArgs>? RelayChanged;

    /// <summary>The relay state, or null for a model without a relay.</summary>
    public bool? RelayClosed
    {
        get { lock (sync) return RelayStateLocked(); }
    }

    private bool? RelayStateLocked() => Map.RelayCoil is { } c ? coils[c.Address] : null;

    /// <summary>Sets the billing register (kWh or kL, in the map's unit).</summary>
    public void SetReading(decimal value) => SetValue(Map.Billing.Name, value);

    /// <summary>Sets a mapped value in its unit; the raw words are value / scale in the register's data type.</summary>
    public void SetValue(string registerName, decimal value)
    {
        var r = Map.Get(registerName);
        var raw = ModbusValues.Encode(r.Type, value / r.Scale);
        lock (sync)
            for (var i = 0; i < raw.Length; i++) words[(r.Table, (ushort)(r.Address + i))] = raw[i];
    }

    public decimal GetValue(string registerName)
    {
        var r = Map.Get(registerName);
        var raw = new ushort[r.RegisterCount];
        lock (sync)
            for (var i = 0; i < raw.Length; i++) raw[i] = words[(r.Table, (ushort)(r.Address + i))];
        return ModbusValues.Decode(r.Type, raw) * r.Scale;
    }

    /// <summary>Switches the relay locally (a technician at the meter). Raises <see cref="RelayChanged"/> if the state changes.</summary>
    public void SetRelay(bool closed)
    {
        var coil = Map.RelayCoil ?? throw new InvalidOperationException($"Model {Map.Model} has no relay coil.");
        bool changed;
        lock (sync) changed = SetCoil(coil.Address, closed);
        if (changed) RelayChanged?.Invoke(this, new ModbusRelayChangedEventArgs(UnitId, closed));
    }

    /// <summary>Answers one request as the device would, including exception responses.</summary>
    public ModbusResponse Handle(ModbusRequest request)
    {
        ModbusResponse response;
        bool? before, after;
        lock (sync)
        {
            before = RelayStateLocked();
            response = HandleLocked(request);
            after = RelayStateLocked();
        }
        if (after is { } closed && after != before) RelayChanged?.Invoke(this, new ModbusRelayChangedEventArgs(UnitId, closed));
        return response;
    }

    private ModbusResponse HandleLocked(ModbusRequest request)
    {
        var fc = (byte)request.Function;
        switch (request)
        {
            case ReadRequest { Function: ModbusFunctionCode.ReadCoils } r:
                if (!AllCoils(r.Address, r.Count)) return Illegal(fc);
                return new ReadBitsResponse(r.Function, [.. Enumerable.Range(r.Address, r.Count).Select(a => coils[(ushort)a])]);
            case ReadRequest { Function: ModbusFunctionCode.ReadDiscreteInputs }:
                return Illegal(fc);
            case ReadRequest r:
                var table = r.Function == ModbusFunctionCode.ReadInputRegisters ? ModbusTable.InputRegisters : ModbusTable.HoldingRegisters;
                if (!AllWords(table, r.Address, r.Count)) return Illegal(fc);
                return new ReadRegistersResponse(r.Function, [.. Enumerable.Range(r.Address, r.Count).Select(a => words[(table, (ushort)a)])]);
            case WriteSingleCoilRequest c:
                if (!AllCoils(c.Address, 1)) return Illegal(fc);
                SetCoil(c.Address, c.Value);
                return new WriteSingleResponse(c.Function, c.Address, c.Value ? ModbusSpec.CoilOn : ModbusSpec.CoilOff);
            case WriteSingleRegisterRequest s:
                if (!AllWords(ModbusTable.HoldingRegisters, s.Address, 1)) return Illegal(fc);
                words[(ModbusTable.HoldingRegisters, s.Address)] = s.Value;
                return new WriteSingleResponse(s.Function, s.Address, s.Value);
            case WriteMultipleCoilsRequest mc:
                if (!AllCoils(mc.Address, mc.Values.Count)) return Illegal(fc);
                for (var i = 0; i < mc.Values.Count; i++) SetCoil((ushort)(mc.Address + i), mc.Values[i]);
                return new WriteMultipleResponse(mc.Function, mc.Address, (ushort)mc.Values.Count);
            case WriteMultipleRegistersRequest mr:
                if (!AllWords(ModbusTable.HoldingRegisters, mr.Address, mr.Values.Count)) return Illegal(fc);
                for (var i = 0; i < mr.Values.Count; i++) words[(ModbusTable.HoldingRegisters, (ushort)(mr.Address + i))] = mr.Values[i];
                return new WriteMultipleResponse(mr.Function, mr.Address, (ushort)mr.Values.Count);
            default:
                return new ExceptionResponse(fc, ModbusExceptionCode.IllegalFunction);
        }
    }

    private bool SetCoil(ushort address, bool value)
    {
        var changed = coils[address] != value;
        coils[address] = value;
        return changed;
    }

    private bool AllCoils(ushort address, int count) => Enumerable.Range(address, count).All(a => coils.ContainsKey((ushort)a));

    private bool AllWords(ModbusTable table, ushort address, int count) => Enumerable.Range(address, count).All(a => words.ContainsKey((table, (ushort)a)));

    private static ExceptionResponse Illegal(byte function) => new(function, ModbusExceptionCode.IllegalDataAddress);
}
