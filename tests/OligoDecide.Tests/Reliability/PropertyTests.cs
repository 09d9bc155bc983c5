using CsCheck;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Output;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Reliability;

public class PropertyTests
{
    private const int Iterations = 300;

    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static readonly Gen<Patient> GenPatient = Gen.Int[0, 9_999].Select(i => GeneratedPatients.TenThousand[i].Patient);

    private static string Options(Decision d) => string.Join(",", d.Suggestions.Select(s => s.Option).Order(StringComparer.Ordinal));

    [Test]
    public void Generate_EveryPatient_IsValidAndClassifiedIntoExactlyTheTargetState()
    {
        var byState = new Dictionary<OligometastaticState, int>();
        foreach (var (patient, target, _) in GeneratedPatients.TenThousand)
        {
            var state = Engine.Classify(patient).State;
            Assert.That(Enum.IsDefined(state), Is.True);
            Assert.That(state, Is.EqualTo(target), patient.Id);
            byState[state] = byState.GetValueOrDefault(state) + 1;
        }

        Assert.That(byState.Keys, Is.EquivalentTo(Enum.GetValues<OligometastaticState>()));
    }

    [Test]
    public void Evaluate_LesionOrderShuffled_SameStateAndOptions()
    {
        GenPatient.Where(p => p.Metastases?.Lesions is { Count: > 1 })
            .SelectMany(p => Gen.Shuffle(p.Metastases!.Lesions!.ToArray()).Select(shuffled => (p, shuffled)))
            .Sample(t =>
            {
                var (p, shuffled) = t;
                var moved = p with { Metastases = p.Metastases! with { Lesions = shuffled } };
                var a = Engine.Evaluate(p);
                var b = Engine.Evaluate(moved);
                return a.Classification.State == b.Classification.State && Options(a) == Options(b);
            }, iter: Iterations);
    }

    [Test]
    public void Classify_PolymetastaticPlusACountableLesion_StaysPolymetastatic()
    {
        var organs = Enum.GetValues<Organ>().Where(o => o != Organ.LymphNodeMediastinal).ToArray();
        GenPatient.Where(p => Engine.Classify(p).State == OligometastaticState.Polymetastatic)
            .Select(Gen.OneOfConst(organs), Gen.Int[0, 20], (p, organ, at) => (p, organ, at))
            .Sample(t =>
            {
                var lesions = t.p.Metastases!.Lesions!.ToList();
                lesions.Insert(t.at % (lesions.Count + 1), new Lesion { Organ = t.organ, SizeMm = 10, Status = LesionStatus.New, Treatable = true });
                var more = t.p with { Metastases = t.p.Metastases with { Lesions = lesions } };
                var state = Engine.Classify(more);
                return state.State == OligometastaticState.Polymetastatic && !state.IsOligometastatic;
            }, iter: Iterations);
    }

    [Test]
    public void Classify_AllDatesShiftedBySameDays_SameState()
    {
        GenPatient.Select(Gen.Int[-3000, 3000], (p, days) => (p, days))
            .Sample(t => Engine.Classify(t.p).State == Engine.Classify(DateShift.Shift(t.p, t.days)).State, iter: Iterations);
    }

    /// <summary>
    /// The synchronous window is 6 calendar months (ESTRO/EORTC), so near its end a day shift can
    /// move a case across it: 182 days after 1 January is outside the window, after 1 July inside.
    /// The shift property above holds for every case not within days of the window's end.
    /// </summary>
    [Test]
    public void Classify_GapNearTheCalendarMonthWindow_DependsOnTheMonth()
    {
        static Patient Case(DateOnly primary) => new()
        {
            AssessedOn = primary.AddDays(200),
            History = new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
            Primary = new PrimaryTumour { DiagnosedOn = primary },
            Metastases = new Metastases { DiagnosedOn = primary.AddDays(182), Lesions = [new Lesion { Organ = Organ.Bone, Status = LesionStatus.New }] },
            SystemicTherapies = [],
        };

        Assert.That(Engine.Classify(Case(new DateOnly(2025, 1, 1))).State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
        Assert.That(Engine.Classify(Case(new DateOnly(2025, 7, 1))).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
    }

    [Test]
    public void Output_SamePatientTwice_ByteIdenticalJson()
    {
        var other = OligoDecideEngine.CreateDefault();
        GenPatient.Sample(p => JsonOutput.Write(Engine.Evaluate(p)) == JsonOutput.Write(other.Evaluate(p)), iter: Iterations);
    }

    [Test]
    public void Generate_SameSeed_ByteIdenticalDocuments()
    {
        Gen.Int.Sample(seed => PatientGenerator.Documents(20, seed).SequenceEqual(PatientGenerator.Documents(20, seed)), iter: 50);
    }
}
