using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide;

/// <summary>
/// Thrown by the engine when it is given a <see cref="Patient"/> built in code that the document reader
/// would refuse (e.g. ECOG 9, age -4): the same checks, the same findings, with
/// <see cref="Finding.Source"/> <c>&lt;patient&gt;</c> and no line numbers. The message names only the
/// data paths and codes of the findings, never a value, so it can be logged; the findings themselves
/// (which do quote values) are in <see cref="Findings"/>.
/// </summary>
public sealed class InvalidPatientException : ArgumentException
{
    /// <summary>Creates the exception from the validation findings of one patient.</summary>
    public InvalidPatientException(IReadOnlyList<Finding> findings)
        : base(Format(findings), "patient")
    {
        Findings = findings;
    }

    /// <summary>Every validation error, as <see cref="PatientDocument.Validate"/> returns them.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Validates a patient and throws when it has errors.</summary>
    internal static void ThrowIfInvalid(Patient patient)
    {
        if (PatientDocument.IsValidated(patient))
        {
            return;
        }

        var findings = PatientDocument.Validate(patient);
        if (findings.Any(f => f.Severity == Severity.Error))
        {
            throw new InvalidPatientException(findings);
        }
    }

    private static string Format(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return $"The patient fails validation ({findings.Count} error(s)): "
            + string.Join(", ", findings.Select(f => $"{(f.Path.Length > 0 ? f.Path : "patient")} [{f.Code}]"))
            + ". Findings lists each with its message.";
    }
}
