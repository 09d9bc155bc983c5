using System.Diagnostics;
using System.Diagnostics.Metrics;
using OligoDecide.Classification;
using OligoDecide.DependencyInjection;
using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.Diagnostics;

/// <summary>
/// The library's traces and metrics, through <see cref="System.Diagnostics"/> so that any host can listen
/// (OpenTelemetry: <c>AddSource(OligoDecideTelemetry.ActivitySourceName)</c> and
/// <c>AddMeter(OligoDecideTelemetry.MeterName)</c>). Tags carry rule set identity, states and outcomes,
/// never patient data.
/// <list type="bullet">
/// <item><c>oligodecide.evaluate</c> activity, one per <see cref="IOligoDecideEngine.Evaluate"/>.</item>
/// <item><c>oligodecide.evaluations</c> counter (tags <c>oligodecide.state</c>, <c>oligodecide.rule_set.version</c>, <c>error.type</c> on failure).</item>
/// <item><c>oligodecide.evaluation.duration</c> histogram, seconds.</item>
/// <item><c>oligodecide.rule_set.reloads</c> counter (tag <c>oligodecide.reload.outcome</c>: <c>replaced</c>, <c>unchanged</c>, <c>rejected</c>) and an <c>oligodecide.reload</c> activity.</item>
/// </list>
/// </summary>
public static class OligoDecideTelemetry
{
    /// <summary>The name of the library's <see cref="ActivitySource"/>: <c>OligoDecide</c>.</summary>
    public const string ActivitySourceName = "OligoDecide";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>OligoDecide</c>.</summary>
    public const string MeterName = "OligoDecide";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(OligoDecideTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(MeterName, typeof(OligoDecideTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>("oligodecide.evaluations", "{evaluation}", "Patients evaluated.");

    private static readonly Histogram<double> EvaluationDuration = Meter.CreateHistogram<double>("oligodecide.evaluation.duration", "s", "Time to evaluate one patient.");

    private static readonly Counter<long> Reloads = Meter.CreateCounter<long>("oligodecide.rule_set.reloads", "{reload}", "Rule set reload attempts by outcome.");

    /// <summary>Starts recording one evaluation; null (nothing recorded, nothing allocated) while no listener takes the activity, the counter or the histogram.</summary>
    internal static EvaluationScope? Evaluation(RuleSetInfo ruleSet)
    {
        var activity = Source.StartActivity("oligodecide.evaluate");
        return activity is null && !Evaluations.Enabled && !EvaluationDuration.Enabled ? null : new(ruleSet, activity);
    }

    internal static void Reloaded(RuleSetReloadOutcome outcome, RuleSetInfo serving)
    {
        var tag = outcome switch
        {
            RuleSetReloadOutcome.Replaced => "replaced",
            RuleSetReloadOutcome.Unchanged => "unchanged",
            _ => "rejected",
        };
        using var activity = Source.StartActivity("oligodecide.reload");
        activity?.SetTag("oligodecide.reload.outcome", tag);
        activity?.SetTag("oligodecide.rule_set.version", serving.Version);
        activity?.SetTag("oligodecide.rule_set.sha256", serving.Sha256);
        Reloads.Add(1, new KeyValuePair<string, object?>("oligodecide.reload.outcome", tag));
    }

    /// <summary>One evaluation: started when created; <see cref="Completed"/> records the outcome, disposing without it records a failure.</summary>
    internal sealed class EvaluationScope(RuleSetInfo ruleSet, Activity? activity) : IDisposable
    {
        private readonly long started = Stopwatch.GetTimestamp();
        private bool done;

        public Decision Completed(Decision decision)
        {
            done = true;
            var state = decision.Classification.State.Id();
            activity?.SetTag("oligodecide.state", state);
            activity?.SetTag("oligodecide.rule_set.id", ruleSet.Id);
            activity?.SetTag("oligodecide.rule_set.version", ruleSet.Version);
            activity?.SetTag("oligodecide.suggestions", decision.Suggestions.Count);
            Record(new("oligodecide.state", state));
            return decision;
        }

        public void Dispose()
        {
            if (!done)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                Record(new("error.type", "evaluation-failed"));
            }

            activity?.Dispose();
        }

        private void Record(KeyValuePair<string, object?> outcome)
        {
            var version = new KeyValuePair<string, object?>("oligodecide.rule_set.version", ruleSet.Version);
            Evaluations.Add(1, outcome, version);
            EvaluationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, outcome, version);
        }
    }
}
