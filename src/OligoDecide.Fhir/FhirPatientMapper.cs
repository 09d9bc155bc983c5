using Hl7.Fhir.Model;

namespace OligoDecide.Fhir;

/// <summary>
/// Maps a FHIR R4 Bundle carrying mCODE (STU3/STU4) resources to the OligoDecide patient model.
/// Resources are recognised by their <c>meta.profile</c> and, when no profile is declared, by their code.
/// Codes are read through explicit tables only: a code the mapper does not know leaves the fact missing
/// and adds a warning naming the code and the resource. Reads no clock; thread-safe.
/// </summary>
public static class FhirPatientMapper
{
    /// <summary>Maps a Bundle already parsed with Hl7.Fhir.</summary>
    /// <param name="bundle">The Bundle (any type; its entries are read).</param>
    /// <param name="assessedOn">"Today" for the case: every date is compared with it.</param>
    /// <returns>The patient (null when any finding is an error), findings, provenance and ignored resources.</returns>
    public static FhirMappingResult Map(Bundle bundle, DateOnly assessedOn)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return BundleMapper.Map(bundle, assessedOn, "<bundle>");
    }

    internal static FhirMappingResult Map(Bundle bundle, DateOnly assessedOn, string source) =>
        BundleMapper.Map(bundle, assessedOn, source);
}
