using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Synthetic;

/// <summary>
/// Writes realistic synthetic patient documents (JSON, camelCase keys, kebab-case values: the format
/// of <c>seeds/patients</c>) for benchmarks, batch screening and property tests. Every one of the
/// twelve classification states is produced (the first twelve documents cover one state each), with
/// the clinical detail that drives the default rules: histology, drivers, PD-L1, therapy lines,
/// chemoradiotherapy, imaging, lesion status and treatability, and some unknowns. Deterministic for
/// a seed: the same seed gives the same documents, byte for byte. Not thread-safe.
/// </summary>
internal sealed class PatientGenerator
{
    private static readonly DateOnly Epoch = new(2018, 1, 1);

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Organ[] CountableOrgans = [Organ.Brain, Organ.Bone, Organ.Liver, Organ.Adrenal, Organ.Lung, Organ.Pleura, Organ.LymphNodeDistant, Organ.Other];

    private static readonly OligometastaticState[] States = Enum.GetValues<OligometastaticState>();

    private readonly Random random;
    private readonly string prefix;
    private readonly ArrayBufferWriter<byte> buffer = new(2048);
    private long index;

    /// <summary>A generator for one seed.</summary>
    public PatientGenerator(int seed)
    {
        random = new Random(seed);
        prefix = "gen-" + seed.ToString(CultureInfo.InvariantCulture) + "-";
    }

    /// <summary>The state the last generated document was built to be in.</summary>
    public OligometastaticState LastTarget { get; private set; }

    /// <summary><paramref name="count"/> documents for <paramref name="seed"/>, as compact JSON strings.</summary>
    public static IEnumerable<string> Documents(int count, int seed)
    {
        var g = new PatientGenerator(seed);
        for (var i = 0; i < count; i++)
        {
            yield return g.Next();
        }
    }

    /// <summary>The next document as one line of compact JSON (no line break).</summary>
    public string Next() => Encoding.UTF8.GetString(NextUtf8().Span);

    /// <summary>The next document as UTF-8 bytes; valid until the next call.</summary>
    public ReadOnlyMemory<byte> NextUtf8()
    {
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            Write(w);
        }

        return buffer.WrittenMemory;
    }

    private void Write(Utf8JsonWriter w)
    {
        var i = index++;
        var target = i < States.Length ? States[i] : PickState();
        LastTarget = target;
        var c = new Case(target, random);
        c.Build();

        w.WriteStartObject();
        w.WriteString("id", prefix + i.ToString(CultureInfo.InvariantCulture));
        w.WriteString("assessedOn", Iso(c.AssessedOn));
        w.WriteNumber("ageYears", random.Next(38, 88));
        w.WriteString("sex", random.Next(2) == 0 ? "female" : "male");
        if (random.Next(20) > 0)
        {
            w.WriteNumber("ecog", Weighted(random, 40, 40, 15, 5));
        }

        w.WriteString("smoking", KebabCase.Name(c.Histology is Histology.Adenocarcinoma && random.Next(3) == 0 ? Smoking.Never : random.Next(3) == 0 ? Smoking.Current : Smoking.Former));

        w.WriteStartObject("primary");
        w.WriteString("histology", KebabCase.Name(c.Histology));
        if (c.PrimaryDiagnosed is { } pd)
        {
            w.WriteString("diagnosedOn", Iso(pd));
        }

        w.WriteString("stage", c.Stage);
        w.WriteString("stageGroup", c.StageGroup);
        if (c.Histology == Histology.SmallCell)
        {
            w.WriteString("sclcExtent", c.Target is OligometastaticState.NoMetastaticDisease ? "limited" : random.Next(3) == 0 ? "limited" : "extensive");
        }

        w.WriteBoolean("controlled", c.PrimaryControlled);
        if (!c.PrimaryControlled)
        {
            // The progression question sees the primary: an uncontrolled primary states its status
            // (stable here, so the target state is decided by the lesions alone).
            w.WriteString("status", "stable");
        }

        w.WriteEndObject();

        WriteBiomarkers(w, c);

        if (c.WriteHistory)
        {
            w.WriteStartObject("history");
            w.WriteBoolean("polymetastatic", c.HistoryPoly);
            w.WriteBoolean("oligometastatic", c.HistoryOligo);
            w.WriteEndObject();
        }

        if (c.Therapies is { } therapies)
        {
            w.WriteStartArray("systemicTherapies");
            foreach (var t in therapies)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("kind", KebabCase.Name(t.Kind));
                w.WriteString("startedOn", Iso(t.Start));
                if (t.Stop is { } stop)
                {
                    w.WriteString("stoppedOn", Iso(stop));
                }
                else
                {
                    w.WriteBoolean("ongoing", true);
                }

                w.WriteString("bestResponse", KebabCase.Name(t.Response));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("radiotherapy");
        foreach (var rt in c.Radiotherapy)
        {
            w.WriteStartObject();
            w.WriteString("site", rt.Site);
            w.WriteNumber("doseGy", rt.DoseGy);
            w.WriteNumber("fractions", rt.Fractions);
            w.WriteString("startedOn", Iso(rt.Start));
            w.WriteString("stoppedOn", Iso(rt.Stop));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        if (c.WriteMetastases)
        {
            w.WriteStartObject("metastases");
            if (c.MetastasesDiagnosed is { } md)
            {
                w.WriteString("diagnosedOn", Iso(md));
            }

            if (c.Imaging is { } imaging)
            {
                w.WriteStartArray("imaging");
                foreach (var m in imaging)
                {
                    w.WriteStringValue(KebabCase.Name(m));
                }

                w.WriteEndArray();
            }

            if (c.Lesions is { } lesions)
            {
                w.WriteStartArray("lesions");
                foreach (var l in lesions)
                {
                    w.WriteStartObject();
                    w.WriteString("organ", KebabCase.Name(l.Organ));
                    w.WriteNumber("sizeMm", l.SizeMm);
                    if (l.Status is { } s)
                    {
                        w.WriteString("status", KebabCase.Name(s));
                    }

                    if (l.Treatable is { } t)
                    {
                        w.WriteBoolean("treatable", t);
                    }

                    w.WriteBoolean("symptomatic", l.Symptomatic);
                    if (l.Organ == Organ.Bone && random.Next(4) > 0)
                    {
                        w.WriteString("boneSite", Weighted(random, 50, 40, 10) switch { 0 => "spine", 1 => "other", _ => "femur" });
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        // The board's context, unrecorded in most records: the patient's stated preference and the treatment intent.
        switch (random.Next(10))
        {
            case 0: w.WriteString("preference", "declines-local-therapy"); break;
            case 1: w.WriteString("preference", "accepts-local-therapy"); break;
            case 2: w.WriteString("preference", "undecided"); break;
        }

        switch (random.Next(10))
        {
            case 0: w.WriteString("treatmentIntent", "palliative"); break;
            case 1: w.WriteString("treatmentIntent", "radical"); break;
        }

        w.WriteEndObject();
    }

    private void WriteBiomarkers(Utf8JsonWriter w, Case c)
    {
        if (c.Histology == Histology.SmallCell && random.Next(2) == 0)
        {
            return;
        }

        w.WriteStartObject("biomarkers");
        if (random.Next(10) > 0)
        {
            w.WriteNumber("pdl1Tps", Weighted(random, 35, 35, 30) switch { 0 => 0, 1 => random.Next(1, 50), _ => random.Next(50, 101) });
        }

        if (c.Egfr is { } egfr)
        {
            w.WriteString("egfr", KebabCase.Name(egfr));
        }

        if (c.Alk is { } alk)
        {
            w.WriteString("alk", KebabCase.Name(alk));
        }

        if (c.Ros1 is { } ros1)
        {
            w.WriteString("ros1", KebabCase.Name(ros1));
        }

        w.WriteString("kras", KebabCase.Name(c.Egfr is EgfrStatus.Negative && c.Alk is MarkerStatus.Negative
            ? (KrasStatus)Weighted(random, 60, 15, 20, 5)
            : (KrasStatus)Weighted(random, 80, 0, 5, 15)));
        w.WriteEndObject();
    }

    /// <summary>Registry-like mix: more de novo and polymetastatic cases than induced ones.</summary>
    private OligometastaticState PickState() => (OligometastaticState)Weighted(random, 14, 8, 8, 7, 8, 6, 5, 5, 5, 16, 10, 8);

    private static int Weighted(Random random, params ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var x in weights)
        {
            total += x;
        }

        var r = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record TherapyLine(string Name, TherapyKind Kind, DateOnly Start, DateOnly? Stop, Response Response);

    private sealed record RtCourse(string Site, decimal DoseGy, int Fractions, DateOnly Start, DateOnly Stop);

    private sealed record LesionSpec(Organ Organ, decimal SizeMm, LesionStatus? Status, bool? Treatable, bool Symptomatic);

    /// <summary>One case under construction: dates first, then the facts its target state needs.</summary>
    private sealed class Case(OligometastaticState target, Random random)
    {
        public OligometastaticState Target { get; } = target;

        public DateOnly AssessedOn { get; private set; }

        public DateOnly? PrimaryDiagnosed { get; private set; }

        public Histology Histology { get; private set; }

        public string Stage { get; private set; } = "cT2aN1M1b";

        public string StageGroup { get; private set; } = "IVA";

        public bool PrimaryControlled { get; private set; }

        public EgfrStatus? Egfr { get; private set; }

        public MarkerStatus? Alk { get; private set; }

        public MarkerStatus? Ros1 { get; private set; }

        public bool WriteHistory { get; private set; } = true;

        public bool HistoryPoly { get; private set; }

        public bool HistoryOligo { get; private set; }

        public List<TherapyLine>? Therapies { get; private set; } = [];

        public List<RtCourse> Radiotherapy { get; } = [];

        public bool WriteMetastases { get; private set; } = true;

        public DateOnly? MetastasesDiagnosed { get; private set; }

        public List<ImagingModality>? Imaging { get; private set; }

        public List<LesionSpec>? Lesions { get; private set; }

        public void Build()
        {
            var state = Target;
            var indeterminateKind = -1;
            if (state == OligometastaticState.Indeterminate)
            {
                // Build a decidable case, then remove the fact its decision rests on.
                indeterminateKind = random.Next(5);
                state = indeterminateKind switch
                {
                    0 => OligometastaticState.SynchronousOligometastatic,
                    1 => OligometastaticState.MetachronousOligorecurrence,
                    2 => OligometastaticState.MetachronousOligoprogression,
                    3 => OligometastaticState.RepeatOligoprogression,
                    _ => OligometastaticState.InducedOligorecurrence,
                };
            }

            Histology = (Histology)Weighted(random, 52, 25, 5, 4, state is OligometastaticState.Polymetastatic or OligometastaticState.NoMetastaticDisease ? 25 : 6);
            Drivers();
            var primary = Epoch.AddDays(random.Next(0, 2200));
            PrimaryDiagnosed = primary;

            switch (state)
            {
                case OligometastaticState.NoMetastaticDisease:
                    NoMetastatic(primary);
                    break;
                case OligometastaticState.Polymetastatic:
                    Metastatic(primary.AddDays(random.Next(0, 900)), random.Next(2) == 0 ? LesionStatus.New : LesionStatus.Progressing, poly: true);
                    FirstLine(MetastasesDiagnosed!.Value.AddDays(random.Next(3, 30)), ongoing: random.Next(2) == 0);
                    HistoryPoly = random.Next(5) == 0;
                    HistoryOligo = random.Next(5) == 0;
                    break;
                case OligometastaticState.SynchronousOligometastatic:
                    {
                        var met = primary.AddDays(random.Next(0, 170));
                        Metastatic(met, LesionStatus.New, poly: false);
                        if (random.Next(3) > 0)
                        {
                            FirstLine(met.AddDays(random.Next(5, 30)), ongoing: random.Next(3) > 0);
                        }

                        break;
                    }

                case OligometastaticState.MetachronousOligorecurrence:
                    {
                        EarlyStage();
                        var met = primary.AddDays(random.Next(400, 1400));
                        if (random.Next(2) == 0)
                        {
                            Adjuvant(primary.AddDays(random.Next(30, 60)), random.Next(80, 150), stopped: true);
                        }

                        Metastatic(met, LesionStatus.New, poly: false);
                        break;
                    }

                case OligometastaticState.MetachronousOligoprogression:
                    {
                        EarlyStage();
                        var met = primary.AddDays(random.Next(200, 1000));
                        Adjuvant(primary.AddDays(random.Next(30, 60)), random.Next(365, 1500), stopped: false);
                        Metastatic(met, random.Next(2) == 0 ? LesionStatus.New : LesionStatus.Progressing, poly: false);
                        break;
                    }

                default:
                    Repeated(state, primary);
                    break;
            }

            if (indeterminateKind >= 0)
            {
                MakeIndeterminate(indeterminateKind);
            }

            AssessedOn = Latest().AddDays(random.Next(0, 45));
        }

        private void Drivers()
        {
            if (Histology is Histology.Adenocarcinoma or Histology.NsclcNos or Histology.LargeCell)
            {
                var r = random.Next(100);
                Egfr = r < 10 ? EgfrStatus.Exon19Deletion : r < 18 ? EgfrStatus.L858r : r < 20 ? EgfrStatus.Exon20Insertion : r < 22 ? EgfrStatus.Other : r < 25 ? EgfrStatus.Unknown : EgfrStatus.Negative;
                Alk = Egfr is EgfrStatus.Negative && random.Next(100) < 6 ? MarkerStatus.Positive : random.Next(40) == 0 ? MarkerStatus.Unknown : MarkerStatus.Negative;
                Ros1 = Egfr is EgfrStatus.Negative && Alk is MarkerStatus.Negative && random.Next(100) < 2 ? MarkerStatus.Positive : random.Next(10) == 0 ? null : MarkerStatus.Negative;
            }
            else if (Histology == Histology.Squamous && random.Next(2) == 0)
            {
                Egfr = EgfrStatus.Negative;
                Alk = MarkerStatus.Negative;
                Ros1 = random.Next(3) == 0 ? MarkerStatus.Unknown : MarkerStatus.Negative;
            }
        }

        private void EarlyStage()
        {
            var g = random.Next(4);
            (Stage, StageGroup) = g switch
            {
                0 => ("pT1bN0M0", "IA"),
                1 => ("pT2aN0M0", "IB"),
                2 => ("pT2bN1M0", "IIB"),
                _ => ("cT3N2M0", "IIIA"),
            };
            PrimaryControlled = random.Next(10) > 1;
        }

        private void NoMetastatic(DateOnly primary)
        {
            (Stage, StageGroup) = random.Next(3) switch { 0 => ("cT3N2M0", "IIIB"), 1 => ("cT2bN2M0", "IIIA"), _ => ("cT4N3M0", "IIIC") };
            PrimaryControlled = random.Next(4) > 0;
            var crtStart = primary.AddDays(random.Next(20, 50));
            var weeks = random.Next(35, 45);
            var kind = Histology == Histology.SmallCell ? "etoposide-cisplatin (concurrent)" : "carboplatin-paclitaxel weekly (concurrent)";
            Therapies = [new(kind, TherapyKind.Chemotherapy, crtStart, crtStart.AddDays(weeks), Pick(Response.Partial, Response.Partial, Response.Stable, Response.Complete, Response.Progressive))];
            Radiotherapy.Add(new("primary and mediastinal nodes", 60, 30, crtStart, crtStart.AddDays(weeks + 4)));
            if (random.Next(5) == 0)
            {
                Therapies.Add(new("durvalumab", TherapyKind.Immunotherapy, crtStart.AddDays(weeks + 30), null, Response.Stable));
            }

            MetastasesDiagnosed = null;
            if (random.Next(10) < 7)
            {
                WriteMetastases = false;
                return;
            }

            Imaging = [ImagingModality.FdgPetCt, ImagingModality.BrainMri];
            Lesions = [new(Organ.LymphNodeMediastinal, Size(8, 25), LesionStatus.Responding, true, false)];
        }

        private void Metastatic(DateOnly met, LesionStatus moving, bool poly)
        {
            if (!Stage.EndsWith("M0", StringComparison.Ordinal))
            {
                (Stage, StageGroup) = poly ? ("cT3N2M1c", "IVB") : random.Next(2) == 0 ? ("cT2aN1M1b", "IVA") : ("cT2bN2M1c", "IVB");
            }

            MetastasesDiagnosed = met;
            var r = random.Next(100);
            Imaging = r < 75 ? [ImagingModality.FdgPetCt, ImagingModality.BrainMri]
                : r < 85 ? [ImagingModality.FdgPetCt]
                : r < 93 ? [ImagingModality.Ct, ImagingModality.BrainMri]
                : r < 97 ? [ImagingModality.Ct]
                : null;
            Lesions = poly ? PolyLesions(moving) : OligoLesions(moving, moving);
        }

        private List<LesionSpec> OligoLesions(LesionStatus first, LesionStatus others)
        {
            var n = Weighted(random, 0, 35, 25, 18, 12, 10);
            var organCount = random.Next(1, Math.Min(3, n) + 1);
            var organs = CountableOrgans.OrderBy(_ => random.Next()).Take(organCount).ToArray();
            var lesions = new List<LesionSpec>(n + 1);
            for (var i = 0; i < n; i++)
            {
                var organ = i < organCount ? organs[i] : organs[random.Next(organCount)];
                lesions.Add(NewLesion(organ, i == 0 ? first : others, mayLackStatus: i > 0));
            }

            if (random.Next(7) == 0)
            {
                lesions.Insert(random.Next(lesions.Count + 1), NewLesion(Organ.LymphNodeMediastinal, LesionStatus.Stable, mayLackStatus: true));
            }

            return Distinct(lesions);
        }

        private List<LesionSpec> PolyLesions(LesionStatus status)
        {
            var manyOrgans = random.Next(2) == 0;
            var n = manyOrgans ? random.Next(4, 9) : random.Next(6, 16);
            var organCount = manyOrgans ? random.Next(4, 7) : random.Next(1, 4);
            var organs = CountableOrgans.OrderBy(_ => random.Next()).Take(organCount).ToArray();
            var lesions = new List<LesionSpec>(n);
            for (var i = 0; i < n; i++)
            {
                lesions.Add(NewLesion(i < organCount ? organs[i] : organs[random.Next(organCount)], status, mayLackStatus: true));
            }

            return Distinct(lesions);
        }

        /// <summary>
        /// Two lesions with every field equal read as one lesion listed twice (the reader warns about it), so a
        /// generated duplicate gets its size nudged by 0.5 mm until it differs: generated documents stay clean.
        /// </summary>
        private static List<LesionSpec> Distinct(List<LesionSpec> lesions)
        {
            for (var i = 1; i < lesions.Count; i++)
            {
                while (lesions.Take(i).Contains(lesions[i]))
                {
                    lesions[i] = lesions[i] with { SizeMm = lesions[i].SizeMm + 0.5m };
                }
            }

            return lesions;
        }

        private LesionSpec NewLesion(Organ organ, LesionStatus status, bool mayLackStatus)
        {
            var t = random.Next(100);
            bool? treatable = t < 82 ? true : t < 95 ? false : null;
            return new(organ, Size(4, 60), mayLackStatus && random.Next(40) == 0 ? null : status, treatable, random.Next(8) == 0);
        }

        private decimal Size(int min, int max) => random.Next(4) == 0 ? random.Next(min * 10, max * 10) / 10m : random.Next(min, max);

        private void Repeated(OligometastaticState state, DateOnly primary)
        {
            var induced = state is OligometastaticState.InducedOligorecurrence or OligometastaticState.InducedOligoprogression or OligometastaticState.InducedOligopersistence;
            HistoryPoly = induced;
            HistoryOligo = !induced || random.Next(3) == 0;
            PrimaryControlled = random.Next(10) > 2;
            var firstMet = primary.AddDays(random.Next(0, 150));
            var lineStart = firstMet.AddDays(random.Next(7, 30));
            var met = lineStart.AddDays(random.Next(120, 900));
            if (!induced)
            {
                var sbrt = lineStart.AddDays(random.Next(30, 90));
                Radiotherapy.Add(new("first metastasis (SBRT)", Pick(24m, 27m, 30m, 35m), Pick(3, 3, 5), sbrt, sbrt.AddDays(random.Next(4, 12))));
            }

            switch (state)
            {
                case OligometastaticState.RepeatOligorecurrence or OligometastaticState.InducedOligorecurrence:
                    FirstLine(lineStart, ongoing: false, stop: met.AddDays(-random.Next(30, 100)));
                    Metastatic(met, LesionStatus.New, poly: false);
                    break;
                case OligometastaticState.RepeatOligoprogression or OligometastaticState.InducedOligoprogression:
                    FirstLine(lineStart, ongoing: true);
                    Metastatic(met, random.Next(2) == 0 ? LesionStatus.Progressing : LesionStatus.New, poly: false);
                    Lesions = OligoLesions(random.Next(2) == 0 ? LesionStatus.Progressing : LesionStatus.New, Pick(LesionStatus.Stable, LesionStatus.Responding, LesionStatus.Progressing));
                    break;
                default:
                    FirstLine(lineStart, ongoing: true);
                    Metastatic(met, LesionStatus.Stable, poly: false);
                    Lesions = [.. OligoLesions(LesionStatus.Stable, LesionStatus.Responding).Select(l => l.Status is null ? l with { Status = LesionStatus.Stable } : l)];
                    break;
            }
        }

        private void Adjuvant(DateOnly start, int days, bool stopped)
        {
            var (name, kind) = Histology == Histology.SmallCell ? ("etoposide-platinum", TherapyKind.Chemotherapy)
                : Egfr is EgfrStatus.Exon19Deletion or EgfrStatus.L858r ? ("osimertinib (adjuvant)", TherapyKind.EgfrTki)
                : Pick(("cisplatin-vinorelbine (adjuvant)", TherapyKind.Chemotherapy), ("pembrolizumab (adjuvant)", TherapyKind.Immunotherapy), ("durvalumab", TherapyKind.Immunotherapy));
            Therapies = [new(name, kind, start, stopped ? start.AddDays(days) : null, stopped ? Response.Complete : Response.Stable)];
        }

        private void FirstLine(DateOnly start, bool ongoing, DateOnly? stop = null)
        {
            var (name, kind) = Histology == Histology.SmallCell ? ("durvalumab-etoposide-platinum", TherapyKind.ChemoImmunotherapy)
                : Egfr is EgfrStatus.Exon19Deletion or EgfrStatus.L858r ? ("osimertinib", TherapyKind.EgfrTki)
                : Alk is MarkerStatus.Positive ? ("alectinib", TherapyKind.AlkTki)
                : Pick(("pembrolizumab-pemetrexed-carboplatin", TherapyKind.ChemoImmunotherapy), ("pembrolizumab", TherapyKind.Immunotherapy), ("carboplatin-paclitaxel", TherapyKind.Chemotherapy), ("atezolizumab-bevacizumab-chemotherapy", TherapyKind.ChemoImmunotherapy));
            var response = (Response)Weighted(random, 10, 45, 25, 8, 12);
            var end = ongoing ? (DateOnly?)null : stop ?? start.AddDays(random.Next(60, 200));
            if (end is { } e && e < start)
            {
                end = start;
            }

            Therapies = [new(name, kind, start, end, response)];
        }

        private void MakeIndeterminate(int kind)
        {
            switch (kind)
            {
                case 0:
                    PrimaryDiagnosed = null;
                    break;
                case 1:
                    Therapies = null;
                    break;
                case 2:
                    WriteHistory = false;
                    break;
                case 3:
                    Lesions = [.. Lesions!.Select(l => l.Organ == Organ.LymphNodeMediastinal ? l : l with { Status = null })];
                    break;
                default:
                    Lesions = null;
                    break;
            }
        }

        private DateOnly Latest()
        {
            var latest = PrimaryDiagnosed ?? Epoch;
            void Max(DateOnly? d)
            {
                if (d is { } x && x > latest)
                {
                    latest = x;
                }
            }

            Max(MetastasesDiagnosed);
            foreach (var t in Therapies ?? [])
            {
                Max(t.Start);
                Max(t.Stop);
            }

            foreach (var rt in Radiotherapy)
            {
                Max(rt.Stop);
            }

            return latest;
        }

        private T Pick<T>(params ReadOnlySpan<T> values) => values[random.Next(values.Length)];
    }
}
