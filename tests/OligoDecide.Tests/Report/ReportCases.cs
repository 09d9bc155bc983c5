using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Output;

namespace OligoDecide.Tests.Report;

/// <summary>Seed cases evaluated once with the default rule set, and pages written from them.</summary>
internal static class ReportCases
{
    private static readonly Lazy<OligoDecideEngine> LazyEngine = new(OligoDecideEngine.CreateDefault);

    public static OligoDecideEngine Engine => LazyEngine.Value;

    /// <summary>Seeds the snapshot and browser tests look at: an option-rich synchronous case, a repeat oligoprogression on an ongoing TKI, an indeterminate case with facts to complete, and a polymetastatic SCLC.</summary>
    public static readonly string[] Seeds =
    [
        "synchronous-pdl1-high-chemoio",
        "repeat-oligoprogression-egfr-osimertinib",
        "indeterminate-missing-history",
        "polymetastatic-sclc-extensive",
    ];

    public static Patient Load(string seed) =>
        PatientDocument.Load(Path.Combine(RepoPaths.SeedPatients, seed + ".yaml")).GetPatientOrThrow();

    public static (Patient Patient, Decision Decision) Evaluate(string seed)
    {
        var patient = Load(seed);
        return (patient, Engine.Evaluate(patient));
    }

    public static string Page(string seed)
    {
        var (patient, decision) = Evaluate(seed);
        return ReportWriter.Write(decision, patient);
    }

    public static string Page(Patient patient) => ReportWriter.Write(Engine.Evaluate(patient), patient);
}
