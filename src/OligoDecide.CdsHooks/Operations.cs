using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OligoDecide.DependencyInjection;
using OligoDecide.Diagnostics;
using OligoDecide.Model;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OligoDecide.CdsHooks;

/// <summary>
/// What an operator needs around the CDS Hooks service: the engine built at start-up (not on the first
/// request), <c>/health/live</c> and <c>/health/ready</c>, and OpenTelemetry traces and metrics (the
/// library's and the host's own), exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class Operations
{
    /// <summary>The host's OpenTelemetry service name.</summary>
    public const string ServiceName = "oligodecide-cds-hooks";

    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EngineWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<RuleSetHealthCheck>("rule-set", tags: ["ready"]);
        builder.Services.AddHttpClient("fhir").AddHttpMessageHandler(() => new FhirFetchTelemetry());

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(Operations).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t.AddSource(OligoDecideTelemetry.ActivitySourceName, CdsHooksTelemetry.Name))
            .WithMetrics(m => m.AddMeter(OligoDecideTelemetry.MeterName, CdsHooksTelemetry.Name));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    public static void MapOperations(this WebApplication app)
    {
        // Counted here rather than in the JWT events: every 401/403 the service answers is a refused caller.
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                CdsHooksTelemetry.AuthenticationFailed(context.Response.StatusCode);
            }
        });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteReady });
    }

    /// <summary><c>{"status":"Healthy","ruleSet":{"id":…,"version":…,"sha256":…}}</c>; no patient data, no exception text.</summary>
    private static Task WriteReady(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var entry = report.Entries.Values.FirstOrDefault();
        var body = new Dictionary<string, object?> { ["status"] = report.Status.ToString() };
        if (entry.Data is { Count: > 0 } data)
        {
            body["ruleSet"] = data;
        }
        else if (entry.Description is { } why)
        {
            body["reason"] = why;
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json.Options));
    }
}

/// <summary>
/// Builds the engine (loads and compiles the rule set) while the host starts, and runs one evaluation of an
/// empty patient so that the first caller does not pay for compilation and JIT. A rule set that does not
/// load stops the start (the options validation of AddOligoDecide reports why first).
/// </summary>
internal sealed class EngineWarmUp(IReloadingOligoDecideEngine engine) : IHostedService
{
    private volatile bool ready;

    public bool Ready => ready;

    public IReloadingOligoDecideEngine Engine { get; } = engine;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Engine.Evaluate(new Patient { AssessedOn = new DateOnly(2026, 1, 1) });
        ready = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ready when the engine is built; reports the rule set serving now (id, version, sha256).</summary>
internal sealed class RuleSetHealthCheck(EngineWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!warmUp.Ready)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the engine is still being built"));
        }

        var info = warmUp.Engine.RuleSet.Info;
        return Task.FromResult(HealthCheckResult.Healthy("rule set loaded", new Dictionary<string, object>
        {
            ["id"] = info.Id,
            ["version"] = info.Version,
            ["sha256"] = info.Sha256,
        }));
    }
}

/// <summary>The host's own traces and metrics (<c>OligoDecide.CdsHooks</c>): cards, refused callers, FHIR fetches. No patient data in tags.</summary>
internal static class CdsHooksTelemetry
{
    public const string Name = "OligoDecide.CdsHooks";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Cards = Meter.CreateCounter<long>("oligodecide.cds.cards", "{card}", "Cards returned, by indicator.");

    private static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>("oligodecide.cds.auth_failures", "{request}", "Requests refused as unauthenticated (401) or unauthorised (403).");

    private static readonly Counter<long> FhirFetches = Meter.CreateCounter<long>("oligodecide.cds.fhir_fetches", "{request}", "Requests to a FHIR server, by outcome.");

    private static readonly Histogram<double> FhirFetchDuration = Meter.CreateHistogram<double>("oligodecide.cds.fhir_fetch.duration", "s", "Time of one FHIR request.");

    public static void CardsReturned(IEnumerable<Card> cards)
    {
        foreach (var indicator in cards.GroupBy(c => c.Indicator, StringComparer.Ordinal))
        {
            Cards.Add(indicator.Count(), new KeyValuePair<string, object?>("oligodecide.cds.indicator", indicator.Key));
        }
    }

    public static void AuthenticationFailed(int status) =>
        AuthFailures.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));

    public static void FhirFetched(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("oligodecide.cds.outcome", outcome);
        FhirFetches.Add(1, tag);
        FhirFetchDuration.Record(elapsed.TotalSeconds, tag);
    }
}

/// <summary>Counts and traces each request of the <c>fhir</c> HTTP client (status class or error kind; never the URL, which names the patient).</summary>
internal sealed class FhirFetchTelemetry : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = CdsHooksTelemetry.Source.StartActivity("oligodecide.cds.fhir_fetch", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = (int)response.StatusCode / 100 + "xx";
            activity?.SetTag("oligodecide.cds.outcome", outcome);
            CdsHooksTelemetry.FhirFetched(outcome, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            CdsHooksTelemetry.FhirFetched(ex is OperationCanceledException ? "timeout" : "error", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
