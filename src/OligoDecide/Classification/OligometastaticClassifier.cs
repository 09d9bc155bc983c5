using System.Globalization;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Classification;

/// <summary>
/// Classifies a patient by the ESTRO/EORTC 2020 decision tree (Guckenberger et al., Lancet Oncol
/// 2020;21:e18-e28, doi:10.1016/S1470-2045(19)30718-1), counting lesions as the EORTC lung cancer
/// consensus does (Dingemans et al., J Thorac Oncol 2019: mediastinal nodes are not metastases).
/// A question whose facts are missing is answered <c>unknown</c>: the state is then
/// <see cref="OligometastaticState.Indeterminate"/> and <see cref="ClassificationResult.Missing"/> names every
/// fact that any remaining branch would need. Immutable and thread-safe.
/// </summary>
public sealed class OligometastaticClassifier
{
    /// <summary>A classifier with <see cref="ClassificationOptions.Default"/>.</summary>
    public static OligometastaticClassifier Default { get; } = new(ClassificationOptions.Default);

    /// <summary>Creates a classifier with the given limits.</summary>
    public OligometastaticClassifier(ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxLesions < 1 || options.MaxOrgans < 1 || options.SynchronousWindowMonths < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxLesions and MaxOrgans must be at least 1 and SynchronousWindowMonths at least 0.");
        }

        // A private copy: the limits this classifier answers with cannot change after construction.
        Options = options with { };
    }

    /// <summary>The limits in use.</summary>
    public ClassificationOptions Options { get; }

    /// <summary>Classifies one patient.</summary>
    public ClassificationResult Classify(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var path = new List<DecisionStep>();
        var warnings = Warnings(patient);
        var lesions = patient.Metastases?.Lesions;

        if (patient.Metastases is null)
        {
            path.Add(new("Is there countable metastatic disease?", "no", "no metastases are recorded"));
            return Decided(OligometastaticState.NoMetastaticDisease, StateCategory.None, 0, 0, path, warnings);
        }

        if (lesions is null)
        {
            path.Add(new("Is there countable metastatic disease?", "unknown", "metastases are recorded but their lesions are not"));
            return new(OligometastaticState.Indeterminate, StateCategory.None, null, null, path, ["metastases.lesions"], warnings);
        }

        var noOrgan = lesions.Select((l, i) => (l, i)).Where(x => x.l.Organ is null).Select(x => $"metastases.lesions[{x.i}].organ").ToList();
        if (noOrgan.Count > 0)
        {
            // Only reachable for patients built in code without validation: the document reader requires the organ.
            path.Add(new("Is there countable metastatic disease?", "unknown", $"{noOrgan.Count} lesion(s) without an organ"));
            return new(OligometastaticState.Indeterminate, StateCategory.None, null, null, path, noOrgan, warnings);
        }

        var countable = lesions.Where(l => l.IsCountable).ToList();
        var regional = lesions.Count - countable.Count;
        var organs = countable.Select(l => l.Organ!.Value).Distinct().OrderBy(o => o).ToList();
        var countBasis = $"{countable.Count} countable lesion(s)"
            + (regional > 0 ? $"; {regional} regional lymph node(s) (hilar, mediastinal or supraclavicular) not counted (regional disease, EORTC lung consensus)" : string.Empty);
        if (countable.Count == 0)
        {
            path.Add(new("Is there countable metastatic disease?", "no", countBasis));
            if (regional > 0)
            {
                warnings.Add("Only regional lymph nodes are recorded: with no distant metastasis the case is outside the scope of the oligometastatic classification; treat it as locoregional disease.");
            }

            return Decided(OligometastaticState.NoMetastaticDisease, StateCategory.None, 0, 0, path, warnings);
        }

        path.Add(new("Is there countable metastatic disease?", "yes", countBasis));
        var diffuse = lesions.Count(l => l.Diffuse == true);
        if (diffuse > 0)
        {
            path.Add(new(
                "Is there diffuse serosal spread (pleural, pericardial or peritoneal carcinomatosis)?",
                "yes",
                $"{diffuse} lesion(s) recorded as diffuse: diffuse serosal disease is not oligometastatic, whatever the count"));
            return Decided(OligometastaticState.Polymetastatic, StateCategory.None, countable.Count, organs.Count, path, warnings);
        }

        var within = countable.Count <= Options.MaxLesions && organs.Count <= Options.MaxOrgans;
        path.Add(new(
            $"Is the disease within the oligometastatic limits (at most {Options.MaxLesions} lesions in at most {Options.MaxOrgans} organs)?",
            within ? "yes" : "no",
            $"{countable.Count} lesion(s) in {organs.Count} organ(s): {string.Join(", ", organs.Select(o => KebabCase.Name(o)))}"));
        var facts = new Facts(patient, Options);
        if (!within)
        {
            // The state stays polymetastatic (it is decided by total burden), but the oligoprogression
            // trials treat up to 5 progressing sites whatever the controlled burden: report both counts.
            if (facts.Answer(Question.ActiveTherapy).Answer == true)
            {
                var (progressing, _, basis) = facts.Progression();
                path.Add(new("On systemic therapy: at most 5 sites progressing (the oligoprogression trials' limit)?", progressing <= 5 ? "yes" : "no", basis));
            }

            return Decided(OligometastaticState.Polymetastatic, StateCategory.None, countable.Count, organs.Count, path, warnings);
        }

        // The actual walk, recording each question; it stops at the first unknown answer.
        Question? pending = null;
        var leaf = Tree(q =>
        {
            var (answer, basis) = facts.Answer(q);
            path.Add(new(Text(q, Options), answer switch { true => "yes", false => "no", null => "unknown" }, basis));
            pending = answer is null ? q : pending;
            return answer;
        });

        if (leaf is { } found)
        {
            return Decided(found.State, found.Category, countable.Count, organs.Count, path, warnings);
        }

        // Indeterminate: name every missing fact that any completion of the unknown answers would need,
        // and every state such a completion would give.
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var possible = new SortedSet<OligometastaticState>(Comparer<OligometastaticState>.Create((a, b) => string.CompareOrdinal(a.Id(), b.Id())));
        CollectMissing(facts, new Dictionary<Question, bool>(), missing, possible);
        var category = pending is Question.ActiveTherapy or Question.Progressing
            ? (facts.Answer(Question.HistoryPolymetastatic).Answer == true ? StateCategory.Induced
                : facts.Answer(Question.HistoryOligometastatic).Answer == true ? StateCategory.Repeat : StateCategory.DeNovo)
            : pending is Question.Synchronous ? StateCategory.DeNovo : StateCategory.None;
        return new(OligometastaticState.Indeterminate, category, countable.Count, organs.Count, path, [.. missing], warnings) { PossibleStates = [.. possible] };
    }

    private static ClassificationResult Decided(OligometastaticState state, StateCategory category, int? lesions, int? organs, List<DecisionStep> path, List<string> warnings) =>
        new(state, category, lesions, organs, path, [], warnings) { PossibleStates = [state] };

    private static void CollectMissing(Facts facts, Dictionary<Question, bool> assumed, SortedSet<string> missing, SortedSet<OligometastaticState> possible)
    {
        Question? branch = null;
        var leaf = Tree(q =>
        {
            if (assumed.TryGetValue(q, out var a))
            {
                return a;
            }

            var answer = facts.Answer(q).Answer;
            if (answer is null)
            {
                branch = q;
                missing.UnionWith(facts.MissingFor(q));
            }

            return answer;
        });

        if (leaf is { } found)
        {
            possible.Add(found.State);
        }

        if (branch is { } q)
        {
            foreach (var value in new[] { true, false })
            {
                CollectMissing(facts, new Dictionary<Question, bool>(assumed) { [q] = value }, missing, possible);
            }
        }
    }

    /// <summary>The ESTRO/EORTC tree; returns null as soon as a question is answered unknown.</summary>
    private static Leaf? Tree(Func<Question, bool?> ask)
    {
        switch (ask(Question.HistoryPolymetastatic))
        {
            case null: return null;
            case true: return OnTherapy(ask, StateCategory.Induced);
        }

        switch (ask(Question.HistoryOligometastatic))
        {
            case null: return null;
            case true: return OnTherapy(ask, StateCategory.Repeat);
        }

        return ask(Question.Synchronous) switch
        {
            null => null,
            true => new Leaf(OligometastaticState.SynchronousOligometastatic, StateCategory.DeNovo),
            false => ask(Question.ActiveTherapy) switch
            {
                null => null,
                true => new Leaf(OligometastaticState.MetachronousOligoprogression, StateCategory.DeNovo),
                false => new Leaf(OligometastaticState.MetachronousOligorecurrence, StateCategory.DeNovo),
            },
        };
    }

    private static Leaf? OnTherapy(Func<Question, bool?> ask, StateCategory category)
    {
        var induced = category == StateCategory.Induced;
        return ask(Question.ActiveTherapy) switch
        {
            null => null,
            false => new Leaf(induced ? OligometastaticState.InducedOligorecurrence : OligometastaticState.RepeatOligorecurrence, category),
            true => ask(Question.Progressing) switch
            {
                null => null,
                true => new Leaf(induced ? OligometastaticState.InducedOligoprogression : OligometastaticState.RepeatOligoprogression, category),
                false => new Leaf(induced ? OligometastaticState.InducedOligopersistence : OligometastaticState.RepeatOligopersistence, category),
            },
        };
    }

    private static string Text(Question q, ClassificationOptions options) => q switch
    {
        Question.HistoryPolymetastatic => "Was polymetastatic disease diagnosed before the current state?",
        Question.HistoryOligometastatic => "Was oligometastatic disease diagnosed before the current state?",
        Question.Synchronous => $"Were the metastases diagnosed within {options.SynchronousWindowMonths} months of the primary diagnosis?",
        Question.ActiveTherapy => "Was systemic therapy active when the metastases were diagnosed?",
        _ => "Is any site new or progressing on current imaging (metastases, primary tumour or regional nodes)?",
    };

    internal static (int Progressing, int Undecided, string Basis) ProgressionOf(Patient patient)
    {
        var lesions = patient.Metastases?.Lesions ?? [];
        var countable = lesions.Where(l => l.IsCountable).ToList();
        var nodes = lesions.Where(l => l.IsRegionalNode).ToList();
        static bool Moving(LesionStatus? s) => s is LesionStatus.New or LesionStatus.Progressing;
        var metastases = countable.Count(l => Moving(l.Status));
        var regional = nodes.Count(l => Moving(l.Status));
        var primaryStatus = patient.Primary?.Status;
        var primary = Moving(primaryStatus) ? 1 : 0;
        var undecided = countable.Count(l => l.Status is null) + nodes.Count(l => l.Status is null)
            + (primaryStatus is null && patient.Primary?.Controlled != true ? 1 : 0);
        var progressing = metastases + regional + primary;
        var parts = new List<string> { $"{metastases} of {countable.Count} metastases new or progressing" };
        if (nodes.Count > 0)
        {
            parts.Add($"{regional} of {nodes.Count} regional node(s)");
        }

        parts.Add("primary " + (primaryStatus is { } ps ? KebabCase.Name(ps) : patient.Primary?.Controlled == true ? "controlled" : "status not recorded"));
        var basis = $"{progressing} progressing site(s): " + string.Join(", ", parts)
            + (undecided > 0 ? $"; {undecided} site(s) without a recorded status" : string.Empty);
        return (progressing, undecided, basis);
    }

    /// <summary>Whether a systemic therapy was active when the metastases were diagnosed (null when that is not recorded).</summary>
    internal static bool? TherapyActiveAtDiagnosis(Patient patient)
    {
        if (patient.Metastases?.DiagnosedOn is not { } metDate || patient.SystemicTherapies is not { } therapies)
        {
            return null;
        }

        var unknown = false;
        foreach (var t in therapies)
        {
            switch (t.ActiveOn(metDate, patient.AssessedOn))
            {
                case true: return true;
                case null: unknown = true; break;
            }
        }

        return unknown ? null : false;
    }

    private static List<string> Warnings(Patient patient)
    {
        var warnings = new List<string>();
        var countable = patient.Metastases?.Lesions?.Any(l => l.IsCountable) ?? false;
        if (countable)
        {
            var imaging = patient.Metastases!.Imaging;
            if (imaging is null)
            {
                warnings.Add("Staging imaging is not recorded: the lesion count may be understated (FDG-PET-CT and brain imaging are required by the EORTC lung consensus).");
            }
            else
            {
                if (!imaging.Contains(ImagingModality.FdgPetCt))
                {
                    warnings.Add("Staged without FDG-PET-CT: the lesion count may be understated (the EORTC lung consensus requires FDG-PET-CT).");
                }

                if (!imaging.Contains(ImagingModality.BrainMri))
                {
                    warnings.Add("No brain MRI recorded: brain metastases may be missed (the EORTC lung consensus requires brain imaging).");
                }
            }
        }

        if (patient.Primary?.Histology == Histology.SmallCell && patient.Metastases is not null)
        {
            warnings.Add("Small-cell histology: the lesion and organ limits come from the consensus on non-small-cell lung cancer and are not validated for small-cell disease.");
        }

        return warnings;
    }

    private readonly record struct Leaf(OligometastaticState State, StateCategory Category);

    private enum Question
    {
        HistoryPolymetastatic,
        HistoryOligometastatic,
        Synchronous,
        ActiveTherapy,
        Progressing,
    }

    /// <summary>The facts behind each question of one patient, with their basis text and missing paths.</summary>
    private sealed class Facts(Patient patient, ClassificationOptions options)
    {
        private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string B(bool? b) => b switch { true => "true", false => "false", null => "not recorded" };

        public (bool? Answer, string Basis) Answer(Question q)
        {
            var metDate = patient.Metastases?.DiagnosedOn;
            switch (q)
            {
                case Question.HistoryPolymetastatic:
                    return (patient.History?.Polymetastatic, "history.polymetastatic = " + B(patient.History?.Polymetastatic));
                case Question.HistoryOligometastatic:
                    return (patient.History?.Oligometastatic, "history.oligometastatic = " + B(patient.History?.Oligometastatic));
                case Question.Synchronous:
                    {
                        var primary = patient.Primary?.DiagnosedOn;
                        if (primary is null && metDate is not null && FirstTreatment() is { } first
                            && metDate > first.On.AddMonths(options.SynchronousWindowMonths))
                        {
                            // What the record implies: a primary is diagnosed before it is treated, so it was
                            // diagnosed on or before the first treatment, and metastases found more than the
                            // window after that treatment are metachronous whatever the exact date.
                            return (false, $"primary.diagnosedOn not recorded: inferred on or before {D(first.On)} (the first treatment, {first.What}, started then; a primary is diagnosed before it is treated), metastases diagnosed {D(metDate.Value)}; the window ends on or before {D(first.On.AddMonths(options.SynchronousWindowMonths))}");
                        }

                        if (primary is null || metDate is null)
                        {
                            return (null, $"primary.diagnosedOn = {(primary is { } p ? D(p) : "not recorded")}, metastases.diagnosedOn = {(metDate is { } m ? D(m) : "not recorded")}");
                        }

                        var windowEnd = primary.Value.AddMonths(options.SynchronousWindowMonths);
                        return (metDate <= windowEnd, $"primary diagnosed {D(primary.Value)}, metastases diagnosed {D(metDate.Value)}; the window ends {D(windowEnd)}");
                    }

                case Question.ActiveTherapy:
                    {
                        var therapies = patient.SystemicTherapies;
                        if (metDate is null)
                        {
                            return (null, "metastases.diagnosedOn is not recorded");
                        }

                        if (therapies is null)
                        {
                            return (null, "systemic therapies are not recorded");
                        }

                        var active = therapies.FirstOrDefault(t => t.ActiveOn(metDate.Value, patient.AssessedOn) == true);
                        if (active is not null)
                        {
                            return (true, $"{Kind(active)} started {D(active.StartedOn!.Value)}, {(active.StoppedOn is { } s ? "stopped " + D(s) : "ongoing")}; metastases diagnosed {D(metDate.Value)}");
                        }

                        if (therapies.Any(t => t.ActiveOn(metDate.Value, patient.AssessedOn) is null))
                        {
                            return (null, therapies.Any(t => t.StartedOn is null)
                                ? "a therapy that may have been active has no start date"
                                : "a therapy that may have been active has neither a stop date nor ongoing: its status is unknown");
                        }

                        return (false, therapies.Count == 0
                            ? "no systemic therapy recorded"
                            : $"none of {therapies.Count} recorded therapies was active on {D(metDate.Value)}");
                    }

                default:
                    {
                        var (moving, undecided, basis) = Progression();
                        return moving > 0 ? (true, basis) : undecided > 0 ? (null, basis) : (false, basis);
                    }
            }
        }

        /// <summary>
        /// The progression question's counts: sites new or progressing (countable metastases, the primary,
        /// regional nodes; ASTRO/ESTRO 2023 oligoprogression is progression in existing and/or new sites)
        /// and sites whose status is not recorded. A primary without a status counts as not progressing
        /// only when it is recorded as controlled.
        /// </summary>
        public (int Progressing, int Undecided, string Basis) Progression() => ProgressionOf(patient);

        /// <summary>The earliest recorded start of a systemic therapy or radiotherapy course (null when none is dated).</summary>
        private (DateOnly On, string What)? FirstTreatment()
        {
            (DateOnly On, string What)? first = null;
            foreach (var t in patient.SystemicTherapies ?? [])
            {
                if (t.StartedOn is { } s && (first is null || s < first.Value.On))
                {
                    first = (s, Kind(t));
                }
            }

            foreach (var r in patient.Radiotherapy ?? [])
            {
                if (r.StartedOn is { } s && (first is null || s < first.Value.On))
                {
                    first = (s, "radiotherapy");
                }
            }

            return first;
        }

        public IEnumerable<string> MissingFor(Question q)
        {
            var metDate = patient.Metastases?.DiagnosedOn;
            switch (q)
            {
                case Question.HistoryPolymetastatic:
                    yield return "history.polymetastatic";
                    break;
                case Question.HistoryOligometastatic:
                    yield return "history.oligometastatic";
                    break;
                case Question.Synchronous:
                    if (patient.Primary?.DiagnosedOn is null)
                    {
                        yield return "primary.diagnosedOn";
                    }

                    if (metDate is null)
                    {
                        yield return "metastases.diagnosedOn";
                    }

                    break;
                case Question.ActiveTherapy:
                    if (metDate is null)
                    {
                        yield return "metastases.diagnosedOn";
                    }

                    if (patient.SystemicTherapies is null)
                    {
                        yield return "systemicTherapies";
                    }
                    else if (metDate is { } md)
                    {
                        for (var i = 0; i < patient.SystemicTherapies.Count; i++)
                        {
                            var t = patient.SystemicTherapies[i];
                            if (t.ActiveOn(md, patient.AssessedOn) is not null)
                            {
                                continue;
                            }

                            if (t.StartedOn is null)
                            {
                                yield return $"systemicTherapies[{i}].startedOn";
                            }
                            else
                            {
                                yield return $"systemicTherapies[{i}].ongoing";
                                yield return $"systemicTherapies[{i}].stoppedOn";
                            }
                        }
                    }

                    break;
                default:
                    var lesions = patient.Metastases?.Lesions ?? [];
                    for (var i = 0; i < lesions.Count; i++)
                    {
                        if (lesions[i].Status is null)
                        {
                            yield return $"metastases.lesions[{i}].status";
                        }
                    }

                    if (patient.Primary?.Status is null && patient.Primary?.Controlled != true)
                    {
                        yield return "primary.status";
                    }

                    break;
            }
        }

        private static string Kind(SystemicTherapy t) => t.Kind is { } k ? KebabCase.Name(k) : "a therapy of unrecorded kind";
    }
}
