using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Reliability;

/// <summary>Generated patients, parsed once per test run and shared by the reliability tests.</summary>
internal static class GeneratedPatients
{
    private static readonly Lazy<List<(Patient Patient, OligometastaticState Target, string Text)>> Cache = new(() => Make(10_000, 20251126));

    public static IReadOnlyList<(Patient Patient, OligometastaticState Target, string Text)> TenThousand => Cache.Value;

    public static List<(Patient Patient, OligometastaticState Target, string Text)> Make(int count, int seed)
    {
        var generator = new PatientGenerator(seed);
        var list = new List<(Patient, OligometastaticState, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var text = generator.Next();
            list.Add((PatientDocument.Parse(text, "generated").GetPatientOrThrow(), generator.LastTarget, text));
        }

        return list;
    }
}
