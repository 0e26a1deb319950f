using Quantify.Tests.Infrastructure;

namespace Quantify.Tests.Api;

/// <summary>The demo app with a public address set, as an installation has it (the document's server is that address).</summary>
public sealed class OpenApiAppFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://portal.example.co.za";

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Onboarding:PublicBaseUrl"] = PublicBaseUrl + "/" });

    public async Task DisposeAsync() => await App.DisposeAsync();
}
