using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>The real host on Kestrel, bound to loopback on a free port, answering over TCP.</summary>
public sealed class KestrelLoopbackTests
{
    [Test]
    public async Task RealHost_OnLoopback_ServesDiscoveryAndRejectsAnonymousHookCalls()
    {
        var app = CdsHooksApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--CdsHooks:Audience", CdsHooksFactory.Audience,
            "--CdsHooks:TrustedClients:0:Issuer", CdsHooksFactory.Issuer,
            "--CdsHooks:TrustedClients:0:Jwks", """{"keys":[]}""",
        ]);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Assert.That(address, Does.StartWith("http://127.0.0.1:"));
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            var discovery = JsonNode.Parse(await http.GetStringAsync("/cds-services"))!;
            Assert.That(discovery["services"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(CdsHooksApp.ServiceId));

            using var content = new StringContent(PatientViewTests.Request("synchronous-egfr.json"), System.Text.Encoding.UTF8, "application/json");
            var response = await http.PostAsync("/cds-services/" + CdsHooksApp.ServiceId, content);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Test]
    public void RealHost_DevelopmentSwitchOutsideDevelopment_RefusesToStart()
    {
        var app = CdsHooksApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production", "--CdsHooks:DisableAuthentication", "true"]);
        var ex = Assert.CatchAsync(() => app.StartAsync());
        var validation = ex is AggregateException a ? a.InnerExceptions[0] : ex;
        Assert.That(validation, Is.TypeOf<Microsoft.Extensions.Options.OptionsValidationException>());
        Assert.That(validation!.Message, Is.EqualTo("CdsHooks:DisableAuthentication is allowed only in the Development environment."));
    }
}
