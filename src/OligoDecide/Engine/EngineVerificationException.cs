namespace OligoDecide.Engine;

/// <summary>
/// Thrown in verification mode (<see cref="OligoDecideEngine(Rules.RuleSet, Classification.ClassificationOptions?, IEnumerable{NRules.RuleModel.IRuleDefinition}?, bool)"/>
/// with <c>verifyWithNRules</c>, <c>--verify</c> on the command line) when the compiled evaluator and the
/// independent NRules compilation of the rule set disagree on whether a rule fires for a patient. No decision
/// is returned for that patient. The message names the rule and the rule set, never patient data.
/// </summary>
public sealed class EngineVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineVerificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public EngineVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
