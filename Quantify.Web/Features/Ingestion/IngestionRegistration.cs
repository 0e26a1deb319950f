using Quantify.Ingestion.Mqtt;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Web.Features.Ingestion;

/// <summary>Configuration section "Ingestion".</summary>
public sealed class IngestionOptions
{
    /// <summary>False for a web-only instance: no broker, no subscriber, no pipeline worker.</summary>
    public bool Enabled { get; set; } = true;
    public MqttOptions Mqtt { get; set; } = new();
    public BatchingOptions Batching { get; set; } = new();
    /// <summary>A reading stamped further than this after the time it arrived is held, not billed (docs/readings.md).</summary>
    public TimeSpan FutureReadingTolerance { get; set; } = Quantify.Domain.Common.Defaults.FutureReadingTolerance;
}

public static class IngestionRegistration
{
    /// <summary>
    /// The co-hosted ingestion service: embedded broker (unless an external one is configured), the MQTT subscriber,
    /// the batching worker and the reading pipeline. The dead-letter store and replay are registered even when
    /// ingestion is off, so a web-only instance can still show and replay dead letters.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool isDevelopment = false)
    {
        services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<Quantify.Web.Data.DatabaseOptions>().DataDirectory;
            return GatewayKeys.FromConfiguration(configuration, Path.IsPathRooted(data) ? data : Path.Combine(contentRoot, data));
        });
        var options = configuration.GetSection("Ingestion").Get<IngestionOptions>() ?? new IngestionOptions();
        if (options.FutureReadingTolerance <= TimeSpan.Zero || options.FutureReadingTolerance > TimeSpan.FromDays(1))
            throw new InvalidOperationException(
                $"Ingestion:FutureReadingTolerance must be a time span above 00:00:00 and at most 1.00:00:00 (it is '{options.FutureReadingTolerance}').");
        ValidateBatching(options.Batching);
        services.AddSingleton(options);
        services.AddSingleton(options.Mqtt);
        services.AddSingleton(options.Batching);
        services.AddSingleton<DeadLetterService>();
        services.AddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<DeadLetterService>());
        services.AddSingleton<IMessageDecoder, MessageDecoder>();
        services.AddSingleton<MeterDirectory>();
        services.AddSingleton<GatewayService>();
        // Observers (live screens, credit control, webhook wake-up) run off the writer, after the acknowledgement.
        services.AddSingleton<CommittedBatches>();
        services.AddHostedService<CommittedBatchDispatcher>();
        // The single writer of the billed-reading hot path; told of every other wallet posting so it drops that wallet's state.
        services.AddSingleton<Engine.IngestionEngine>();
        services.AddSingleton<Quantify.Web.Features.Ledger.IWalletPostingListener>(sp => sp.GetRequiredService<Engine.IngestionEngine>());
        services.AddSingleton<ReadingPipeline>();
        services.AddSingleton<IBatchProcessor>(sp => sp.GetRequiredService<ReadingPipeline>());
        services.AddSingleton<IMessageProcessor>(sp => sp.GetRequiredService<ReadingPipeline>());
        services.AddSingleton<DeadLetterReplayer>();
        services.AddSingleton<HeldReadingService>();
        services.AddSingleton<BatchingSink>();
        services.AddSingleton<IIngestionSink>(sp => sp.GetRequiredService<BatchingSink>());
        if (!options.Enabled) return services;

        // Start-up validation: refuses the default password outside Development and a network-facing broker without TLS.
        var brokerPlan = EmbeddedBrokerSettings.Resolve(options.Mqtt, isDevelopment);
        services.AddSingleton(sp => new EmbeddedBroker(options.Mqtt, sp.GetRequiredService<ILogger<EmbeddedBroker>>(), brokerPlan));
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<BatchingSink>());
        // MQTT gateway batches are checked against the gateway's meters before they reach the pipeline.
        services.AddSingleton(sp => new GatewayScopedSink(sp.GetRequiredService<BatchingSink>(),
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Quantify.Web.Data.QuantifyDbContext>>(), sp.GetRequiredService<IDeadLetterStore>()));
        services.AddSingleton(sp => new MqttIngestionService(options.Mqtt, sp.GetRequiredService<GatewayScopedSink>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MqttIngestionService>>()));
        services.AddSingleton<IDownlinkPublisher>(sp => sp.GetRequiredService<MqttIngestionService>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestionService>());
        services.AddSingleton<ModbusPollStatusRecorder>();
        services.AddSingleton<ModbusPollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<ModbusPollingService>());
        return services;
    }

    /// <summary>
    /// Start-up check of "Ingestion:Batching". A batch of 0 would never take a message, and a long delay holds every
    /// reading's acknowledgement back. A queue smaller than a batch could never fill one.
    /// </summary>
    private static void ValidateBatching(BatchingOptions b)
    {
        if (b.MaxBatchSize is < 1 or > 100_000)
            throw new InvalidOperationException($"Ingestion:Batching:MaxBatchSize must be a whole number from 1 to 100000 (it is {b.MaxBatchSize}).");
        if (b.MaxDelay < TimeSpan.Zero || b.MaxDelay > TimeSpan.FromSeconds(5))
            throw new InvalidOperationException($"Ingestion:Batching:MaxDelay must be a time span from 00:00:00 to 00:00:05 (it is '{b.MaxDelay}').");
        if (b.Capacity < b.MaxBatchSize)
            throw new InvalidOperationException(
                $"Ingestion:Batching:Capacity must be at least Ingestion:Batching:MaxBatchSize ({b.MaxBatchSize}); it is {b.Capacity}.");
    }
}
