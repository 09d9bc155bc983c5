using OligoDecide.Model;

namespace OligoDecide.Fhir;

/// <summary>The outcome of mapping a FHIR Bundle to a <see cref="Model.Patient"/>.</summary>
/// <param name="Patient">The mapped and validated patient, or null when any finding is an error.</param>
/// <param name="Findings">Errors (unreadable input, impossible values) and warnings (codes not mapped, conflicts), in the order found. Never echo patient free text.</param>
/// <param name="Provenance">For each mapped fact, the resource it came from.</param>
/// <param name="Ignored">Resources the mapper read but did not use, with the reason.</param>
public sealed record FhirMappingResult(
    Patient? Patient,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<MappedFact> Provenance,
    IReadOnlyList<IgnoredResource> Ignored)
{
    /// <summary>True when a patient was mapped without errors.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Patient))]
    public bool IsValid => Patient is not null;

    /// <summary>The warnings and ignored resources, for the decision JSON's <c>warnings</c> block (<see cref="Output.JsonOutput.Write(Engine.Decision, Output.InputWarnings)"/>).</summary>
    public Output.InputWarnings InputWarnings =>
        new([.. Findings.Where(f => f.Severity == Severity.Warning)], [.. Ignored.Select(i => new KeyValuePair<string, string>(i.Resource, i.Reason))]);

    /// <summary>The patient, or an <see cref="InvalidDocumentException"/> listing every finding.</summary>
    public Patient GetPatientOrThrow() => Patient ?? throw new InvalidDocumentException(Findings);
}
