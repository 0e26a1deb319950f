using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Identity;

namespace Quantify.Tests.Security;

public class SignInTests
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_WithAClearMessage()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await PortalClient.LoginAsync(client, PortalClient.Email("owner"), "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await PortalClient.LoginAsync(client, PortalClient.Email("owner"));
        var html = PortalClient.Decode(await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many failed attempts", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_SaysSoWithoutRevealingWhetherTheEmailExists()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        using var client = app.CreateClient();
        var known = PortalClient.Decode(await (await PortalClient.LoginAsync(client, PortalClient.Email("tenant"), "wrong")).Content.ReadAsStringAsync());
        var unknown = PortalClient.Decode(await (await PortalClient.LoginAsync(client, "nobody@example.com", "wrong")).Content.ReadAsStringAsync());
        Assert.Contains("Email or password is wrong.", known, StringComparison.Ordinal);
        Assert.Contains("Email or password is wrong.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeactivatedUser_CannotSignIn_AndIsToldWhy()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var agent = await users.FindByEmailAsync(PortalClient.Email("agent"));
            agent!.IsActive = false;
            await users.UpdateAsync(agent);
        }
        using var client = app.CreateClient();
        var response = await PortalClient.LoginAsync(client, PortalClient.Email("agent"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deactivated", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
