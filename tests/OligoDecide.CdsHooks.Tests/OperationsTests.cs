using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OligoDecide.Diagnostics;
using OligoDecide.Engine;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>Issue 16 items 9-10: the engine is built at start-up, health endpoints, traces and metrics.</summary>
[NonParallelizable]
public sealed class OperationsTests
{
    private CdsHooksFactory factory = null!;
    private HttpClient client = null!;

    [SetUp]
    public void SetUp()
    {
        factory = new CdsHooksFactory();
        client = factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Test]
    public async Task Ready_BeforeAnyCdsRequest_ReportsTheRuleSetServing()
    {
        var response = await client.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var engine = factory.Services.GetRequiredService<IOligoDecideEngine>().RuleSet.Info;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
            Assert.That(body["ruleSet"]!["id"]!.GetValue<string>(), Is.EqualTo(engine.Id));
            Assert.That(body["ruleSet"]!["version"]!.GetValue<string>(), Is.EqualTo(engine.Version));
            Assert.That(body["ruleSet"]!["sha256"]!.GetValue<string>(), Is.EqualTo(engine.Sha256).And.Match("^[0-9a-f]{64}$"));
        });
    }

    [Test]
    public async Task Live_AnswersWithoutAToken()
    {
        var response = await client.GetAsync("/health/live");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Start_BuildsAndWarmsTheEngineBeforeTheFirstRequest()
    {
        var warmUp = factory.Services.GetRequiredService<EngineWarmUp>();
        Assert.That(warmUp.Ready, Is.True, "the host is started (CreateClient) and no CDS request was made");
    }

    [Test]
    public async Task Telemetry_CardsEvaluationsAndRefusedCallers_AreMeasured()
    {
        var measured = new Dictionary<string, long>(StringComparer.Ordinal);
        var activities = new List<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is OligoDecideTelemetry.MeterName or "OligoDecide.CdsHooks")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        meters.Start();
        using var traces = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OligoDecideTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                lock (activities)
                {
                    activities.Add(a.OperationName);
                }
            },
        };
        ActivitySource.AddActivityListener(traces);

        var ok = await Post(factory.Token());
        var refused = await Post(token: null);

        Assert.Multiple(() =>
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(measured.GetValueOrDefault("oligodecide.cds.cards"), Is.GreaterThan(0));
            Assert.That(measured.GetValueOrDefault("oligodecide.cds.auth_failures"), Is.GreaterThanOrEqualTo(1));
            Assert.That(measured.GetValueOrDefault("oligodecide.evaluations"), Is.GreaterThanOrEqualTo(1));
            Assert.That(activities, Has.Member("oligodecide.evaluate"));
        });
    }

    private async Task<HttpResponseMessage> Post(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/oligodecide-patient-view")
        {
            Content = new StringContent(PatientViewTests.Request("synchronous-egfr.json"), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
