using Quantify.Domain.Common;

namespace Quantify.Domain.Estates;

/// <summary>Per-estate settings. Dependent configuration: it lives and dies with its estate.</summary>
public sealed class EstateSettings
{
    private readonly List<EstateFeatureFlag> featureFlags = [];

    private EstateSettings() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public decimal LowBalanceThreshold { get; set; } = Defaults.LowBalanceThreshold;
    public decimal MinimumActivationAmount { get; set; } = Defaults.MinimumActivationAmount;
    public decimal WaterDebtCap { get; set; } = Defaults.WaterDebtCap;
    public decimal LossThresholdPercent { get; set; } = Defaults.LossThresholdPercent;
    public TimeOnly FriendlyHoursStart { get; set; } = Defaults.FriendlyHoursStart;
    public TimeOnly FriendlyHoursEnd { get; set; } = Defaults.FriendlyHoursEnd;
    public bool NoDisconnectOnWeekends { get; set; } = true;
    public bool NoDisconnectOnPublicHolidays { get; set; } = true;
    public string TimeZone { get; set; } = Defaults.TimeZone;
    /// <summary>The estate's default allocation rule for top-ups the payer did not split: this % to electricity, the rest to water.</summary>
    public decimal DefaultElectricitySharePercent { get; set; } = Defaults.DefaultElectricitySharePercent;
    /// <summary>Version of the estate's read-only wall-display link; bumping it revokes every link handed out.</summary>
    public int WallLinkVersion { get; set; } = 1;
    public IReadOnlyCollection<EstateFeatureFlag> FeatureFlags => featureFlags;

    /// <summary>The feature flag that bills vacant units' consumption to common property instead of the owner's wallet.</summary>
    public const string VacantToCommonPropertyFeature = "vacant-to-common-property";

    /// <summary>Who pays for a vacant unit's consumption: kept as the <see cref="VacantToCommonPropertyFeature"/> flag (no column of its own).</summary>
    public VacantConsumption VacantConsumption => IsEnabled(VacantToCommonPropertyFeature) ? VacantConsumption.CommonProperty : VacantConsumption.OwnerWallet;

    public void SetVacantConsumption(VacantConsumption payer) => SetFeature(VacantToCommonPropertyFeature, payer == VacantConsumption.CommonProperty);

    /// <summary>The feature flag that deducts levies from wallets (a Levy pocket) instead of tracking them as receivables paid by EFT.</summary>
    public const string LeviesFromWalletFeature = "levies-from-wallet";

    /// <summary>How the estate collects levies: kept as the <see cref="LeviesFromWalletFeature"/> flag (no column of its own).</summary>
    public Levies.LevyCollection LevyCollection => IsEnabled(LeviesFromWalletFeature) ? Levies.LevyCollection.Wallet : Levies.LevyCollection.Receivable;

    public void SetLevyCollection(Levies.LevyCollection collection) => SetFeature(LeviesFromWalletFeature, collection == Levies.LevyCollection.Wallet);

    public static EstateSettings CreateDefault() => new();

    public bool IsEnabled(string feature) => featureFlags.FirstOrDefault(f => f.Feature == feature)?.Enabled ?? false;

    public void SetFeature(string feature, bool enabled)
    {
        var flag = featureFlags.FirstOrDefault(f => f.Feature == feature);
        if (flag is null) featureFlags.Add(new EstateFeatureFlag(feature, enabled));
        else flag.Enabled = enabled;
    }
}

/// <summary>A per-estate switch (e.g. "solar", "family-wallets"). Dependent configuration of the settings.</summary>
public sealed class EstateFeatureFlag
{
    private EstateFeatureFlag() { }

    public EstateFeatureFlag(string feature, bool enabled)
    {
        Feature = feature;
        Enabled = enabled;
    }

    public int Id { get; private set; }
    public int EstateSettingsId { get; private set; }
    public string Feature { get; private set; } = "";
    public bool Enabled { get; set; }
}
