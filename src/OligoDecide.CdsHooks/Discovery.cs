namespace OligoDecide.CdsHooks;

/// <summary>The discovery document (<c>GET /cds-services</c>) with prefetch templates for the mCODE resources.</summary>
internal static class Discovery
{
    public static readonly Dictionary<string, string> Prefetch = new(StringComparer.Ordinal)
    {
        ["patient"] = "Patient/{{context.patientId}}",
        ["conditions"] = "Condition?patient={{context.patientId}}",
        ["observations"] = "Observation?patient={{context.patientId}}",
        ["medicationRequests"] = "MedicationRequest?patient={{context.patientId}}",
        ["medicationAdministrations"] = "MedicationAdministration?patient={{context.patientId}}",
        ["procedures"] = "Procedure?patient={{context.patientId}}",
    };

    public static readonly object Document = new
    {
        services = new[]
        {
            new
            {
                hook = "patient-view",
                title = "OligoDecide: oligometastatic lung cancer",
                description = "Classifies the patient by the ESTRO/EORTC 2020 oligometastatic classification and lists evidence-cited options and cautions for the tumour board, or the facts missing to decide.",
                id = CdsHooksApp.ServiceId,
                prefetch = Prefetch,
            },
        },
    };
}
