namespace OligoDecide.Coverage;

/// <summary>What kind of expectation a case failed.</summary>
public enum ExpectationFailureKind
{
    /// <summary>The classification state differs from <c>expect.state</c>.</summary>
    StateMismatch,

    /// <summary>An option listed in <c>expect.options</c> was not suggested (or was superseded).</summary>
    MissingOption,

    /// <summary>An option listed in <c>expect.notOptions</c> was suggested.</summary>
    ForbiddenOption,

    /// <summary>Under <c>--strict</c>: an option was suggested that the case lists neither in <c>expect.options</c> nor in <c>expect.notOptions</c>.</summary>
    UnassertedOption,

    /// <summary>A row listed in <c>expect.schedules</c> did not hold for that option and lesion.</summary>
    MissingSchedule,

    /// <summary>A row listed in <c>expect.notSchedules</c> held for that option and lesion.</summary>
    ForbiddenSchedule,

    /// <summary>A lesion listed in <c>expect.noSchedule</c> got a schedule (or was not treated by that option).</summary>
    UnexpectedSchedule,
}

/// <summary>One expectation of a case file that did not hold.</summary>
/// <param name="Kind">State mismatch, missing option or forbidden option.</param>
/// <param name="Expected">What the case expects: the state id, or the option code.</param>
/// <param name="Actual">What the engine produced: the state id, the active options (comma-separated, <c>none</c> when empty),
/// or for <see cref="ExpectationFailureKind.UnassertedOption"/> the id of the rule that suggested it.</param>
public sealed record ExpectationFailure(ExpectationFailureKind Kind, string Expected, string Actual)
{
    /// <summary>The failure in one line, e.g. <c>expected option sabr-all-metastases, suggested: mdt-discussion</c>.</summary>
    public string Message => Kind switch
    {
        ExpectationFailureKind.StateMismatch => $"expected state {Expected}, classified as {Actual}",
        ExpectationFailureKind.MissingOption => $"expected option {Expected}, suggested: {Actual}",
        ExpectationFailureKind.UnassertedOption => $"option {Expected} (rule {Actual}) was suggested but the case does not assert it: add it to expect.options, or fix the rule",
        ExpectationFailureKind.MissingSchedule => $"expected schedule row {Expected}, held: {Actual}",
        ExpectationFailureKind.ForbiddenSchedule => $"schedule row {Expected} must not hold, held: {Actual}",
        ExpectationFailureKind.UnexpectedSchedule => $"expected no schedule for {Expected}, got: {Actual}",
        _ => $"option {Expected} must not be suggested, suggested: {Actual}",
    };

    /// <inheritdoc />
    public override string ToString() => Message;
}
