using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

internal sealed partial class BundleMapper
{
    private void ReadMedicationRequest(MedicationRequest m, Entry entry, State s)
    {
        var declared = Declared(m, Mcode.MedicationRequest);
        var drug = DrugOf(m.Medication, entry, s, declared is not null);
        if (drug is null)
        {
            return;
        }

        var status = m.StatusElement?.JsonValue as string;
        if (status is "cancelled" or "entered-in-error" or "draft" || m.Intent is MedicationRequest.MedicationRequestIntent.Proposal or MedicationRequest.MedicationRequestIntent.Plan)
        {
            Ignore(entry, $"not given (status {status}, intent {m.IntentElement?.JsonValue})");
            return;
        }

        var bounds = m.DosageInstruction.Select(d => d.Timing?.Repeat?.Bounds).OfType<Period>().FirstOrDefault();
        AddTherapy(entry, s, drug, bounds?.Start, bounds?.End, ongoing: status is "active" or "on-hold", "dosageInstruction.timing.repeat.boundsPeriod", Mcode.MedicationRequest);
    }

    private void ReadMedicationAdministration(MedicationAdministration m, Entry entry, State s)
    {
        var declared = Declared(m, Mcode.MedicationAdministration);
        var drug = DrugOf(m.Medication, entry, s, declared is not null);
        if (drug is null)
        {
            return;
        }

        var status = m.StatusElement?.JsonValue as string;
        if (status is "not-done" or "entered-in-error")
        {
            Ignore(entry, $"not given (status {status})");
            return;
        }

        if (m.Effective is not Period period)
        {
            s.TherapiesIncomplete = true;
            Ignore(entry, "a single administration date does not give the course's period");
            Warn(entry, $"a single administration does not say when the course started or stopped; systemicTherapies stays missing (send effectivePeriod or a MedicationRequest with timing bounds)", "systemicTherapies");
            return;
        }

        AddTherapy(entry, s, drug, period.Start, period.End, ongoing: status is "in-progress" or "on-hold", "effectivePeriod", Mcode.MedicationAdministration);
    }

    /// <summary>
    /// A MedicationStatement (mCODE STU1 cancer-related-medication-statement, and many EHR feeds) is read like
    /// an administration: effectivePeriod gives the course; status active / on-hold without end → ongoing;
    /// entered-in-error, not-taken and intended (not started) → ignored.
    /// </summary>
    private void ReadMedicationStatement(MedicationStatement m, Entry entry, State s)
    {
        var declared = Declared(m, Mcode.MedicationStatement);
        var drug = DrugOf(m.Medication, entry, s, declared is not null);
        if (drug is null)
        {
            return;
        }

        var status = m.StatusElement?.JsonValue as string;
        if (status is "entered-in-error" or "not-taken" or "intended")
        {
            Ignore(entry, $"not given (status {status})");
            return;
        }

        if (m.Effective is not Period period)
        {
            s.TherapiesIncomplete = true;
            Ignore(entry, "no effectivePeriod: a single date does not give the course's period");
            Warn(entry, "the medication statement has no effectivePeriod, so it does not say when the course started or stopped; systemicTherapies stays missing", "systemicTherapies");
            return;
        }

        AddTherapy(entry, s, drug, period.Start, period.End, ongoing: status is "active" or "on-hold", "effectivePeriod", Mcode.MedicationStatement);
    }

    private void AddTherapy(Entry entry, State s, Drug drug, string? start, string? end, bool ongoing, string element, string profile)
    {
        var started = Date(start, entry, element + ".start", "systemicTherapies");
        var stopped = Date(end, entry, element + ".end", "systemicTherapies");
        if (started is null)
        {
            s.TherapiesIncomplete = true;
            Ignore(entry, "no start date");
            Warn(entry, $"the therapy has no start date in {element}; systemicTherapies stays missing", "systemicTherapies");
            return;
        }

        if (stopped is null && !ongoing)
        {
            // A null stop date means "ongoing" in the patient model: a finished course without an end date cannot be told apart.
            s.TherapiesIncomplete = true;
            Ignore(entry, "finished, but no end date");
            Warn(entry, $"the therapy is not active but has no end date in {element}; systemicTherapies stays missing", "systemicTherapies");
            return;
        }

        s.TherapyItems.Add(new TherapyItem(entry, drug, started.Value, stopped, profile));
    }

    /// <summary>The drug from medicationCodeableConcept or a referenced Medication, by RxNorm code first, then by generic name.</summary>
    private Drug? DrugOf(DataType? medication, Entry entry, State s, bool declared)
    {
        var concept = medication as CodeableConcept;
        if (medication is ResourceReference { Reference: { } reference } && !reference.StartsWith('#') && Resolve(s, reference) is { Resource: Medication med } target)
        {
            s.UsedMedications.Add(target.Ref);
            concept = med.Code;
        }
        else if (medication is ResourceReference { Reference: { } contained } && contained.StartsWith('#'))
        {
            concept = (entry.Resource as DomainResource)?.Contained.OfType<Medication>().FirstOrDefault(c => c.Id == contained[1..])?.Code;
        }

        var byName = FindDrug(concept);
        if (byName is not null)
        {
            return byName;
        }

        if (declared)
        {
            s.TherapiesIncomplete = true;
            Ignore(entry, "the drug is not in the drug table");
            Warn(entry, $"medication {Codes(concept)} is not in the drug table; its kind of therapy is unknown, so systemicTherapies stays missing", "systemicTherapies");
        }
        else
        {
            Ignore(entry, "not a cancer-related medication (no mCODE profile, drug not in the drug table)");
        }

        return null;
    }

    /// <summary>The drug a concept names: by RxNorm code first, then by generic name as a whole word in a display or the text.</summary>
    private static Drug? FindDrug(CodeableConcept? concept)
    {
        var byCode = concept?.Coding.Where(c => c.System == Mcode.RxNorm)
            .Select(c => CodeTables.Drugs.FirstOrDefault(d => d.RxNorm is not null && d.RxNorm == c.Code)).FirstOrDefault(d => d is not null);
        var names = (concept?.Coding.Select(c => c.Display) ?? []).Append(concept?.Text).Where(n => n is not null).Select(n => n!).ToList();
        return byCode ?? CodeTables.Drugs.FirstOrDefault(d => names.Any(n => Regex.IsMatch(n, $@"\b{d.Name}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout)));
    }

    /// <summary>Whether a medication resource may be cancer-related as the mapper reads it: an mCODE profile, a drug in the drug table, or a medicationReference (not followed here).</summary>
    private static bool IsCancerMedication(Resource r) => r switch
    {
        MedicationRequest m => Declared(m, Mcode.MedicationRequest) is not null || m.Medication is ResourceReference || FindDrug(m.Medication as CodeableConcept) is not null,
        MedicationAdministration m => Declared(m, Mcode.MedicationAdministration) is not null || m.Medication is ResourceReference || FindDrug(m.Medication as CodeableConcept) is not null,
        MedicationStatement m => Declared(m, Mcode.MedicationStatement) is not null || m.Medication is ResourceReference || FindDrug(m.Medication as CodeableConcept) is not null,
        Medication m => FindDrug(m.Code) is not null,
        _ => false,
    };

    /// <summary>
    /// Builds the therapy lines: overlapping courses of the same kind merge into one line; overlapping
    /// chemotherapy and immune checkpoint inhibitor courses merge into one chemo-immunotherapy line.
    /// Returns null (not recorded) when no course was found or any course could not be read whole.
    /// </summary>
    private List<SystemicTherapy>? BuildTherapies(State s)
    {
        if (s.TherapiesIncomplete || s.TherapyItems.Count == 0)
        {
            return null;
        }

        var lines = s.TherapyItems.Select(i => new Line([i], i.Drug.Kind)).ToList();
        bool merged;
        do
        {
            merged = false;
            for (var a = 0; a < lines.Count && !merged; a++)
            {
                for (var b = a + 1; b < lines.Count && !merged; b++)
                {
                    var kind = Combined(lines[a].Kind, lines[b].Kind);
                    if (kind is not null && Overlap(lines[a], lines[b]))
                    {
                        lines[a] = new Line([.. lines[a].Items, .. lines[b].Items], kind.Value);
                        lines.RemoveAt(b);
                        merged = true;
                    }
                }
            }
        }
        while (merged);

        var result = new List<SystemicTherapy>();
        foreach (var line in lines.OrderBy(l => l.Start))
        {
            var index = result.Count;
            result.Add(new SystemicTherapy
            {
                Name = string.Join(" + ", line.Items.Select(i => i.Drug.Name).Distinct()),
                Kind = line.Kind,
                StartedOn = line.Start,
                StoppedOn = line.Stop,

                // A line without an end is ongoing here: a finished course without an end date already
                // made the whole list missing (above). The patient model no longer reads a missing stop
                // date as ongoing, so say it (issue 11; the mapper's owner may refine this per status).
                Ongoing = line.Stop is null ? true : null,
            });
            foreach (var item in line.Items)
            {
                Fact($"systemicTherapies[{index}].kind", item.Entry, item.Profile);
                Fact($"systemicTherapies[{index}].name", item.Entry, item.Profile);
                Fact($"systemicTherapies[{index}].startedOn", item.Entry, item.Profile);
                if (item.Stop is not null && line.Stop is not null)
                {
                    Fact($"systemicTherapies[{index}].stoppedOn", item.Entry, item.Profile);
                }
            }
        }

        return result;
    }

    private static TherapyKind? Combined(TherapyKind a, TherapyKind b)
    {
        if (a == b)
        {
            return a;
        }

        var pair = new[] { a, b };
        return pair.All(k => k is TherapyKind.Chemotherapy or TherapyKind.Immunotherapy or TherapyKind.ChemoImmunotherapy)
            ? TherapyKind.ChemoImmunotherapy
            : null;
    }

    private static bool Overlap(Line a, Line b) =>
        a.Start <= (b.Stop ?? DateOnly.MaxValue) && b.Start <= (a.Stop ?? DateOnly.MaxValue);

    private sealed record Line(IReadOnlyList<TherapyItem> Items, TherapyKind Kind)
    {
        public DateOnly Start => Items.Min(i => i.Start);

        public DateOnly? Stop => Items.Any(i => i.Stop is null) ? null : Items.Max(i => i.Stop);
    }

    private void ReadProcedure(Procedure p, Entry entry, State s)
    {
        var declared = Declared(p, Mcode.RadiotherapyCourseSummary);
        var byCode = p.Code?.Coding.Any(c => c.System == CodeTables.RadiotherapyCourse.System && c.Code == CodeTables.RadiotherapyCourse.Code) ?? false;
        if (declared is null && !byCode)
        {
            Ignore(entry, "not an mCODE radiotherapy course summary (by profile or SNOMED CT 1217123003)");
            return;
        }

        var status = p.StatusElement?.JsonValue as string;
        if (status is "not-done" or "entered-in-error" or "preparation")
        {
            Ignore(entry, $"not given (status {status})");
            return;
        }

        var index = s.Radiotherapy.Count;
        var fields = new List<string>();
        var period = p.Performed as Period;
        var started = Date(period?.Start, entry, "performedPeriod.start", $"radiotherapy[{index}].startedOn");
        var stopped = Date(period?.End, entry, "performedPeriod.end", $"radiotherapy[{index}].stoppedOn");
        if (started is not null)
        {
            fields.Add("startedOn");
        }

        if (stopped is not null)
        {
            fields.Add("stoppedOn");
        }

        decimal? dose = null;
        int? fractions = null;
        var volumes = p.Extension.Where(e => e.Url == Mcode.RadiotherapyDoseDeliveredToVolume).ToList();
        var doses = volumes.Select(v => (Dose: v.GetExtension("totalDoseDelivered")?.Value as Quantity, Fractions: (v.GetExtension("fractionsDelivered")?.Value as UnsignedInt)?.Value)).ToList();
        var best = doses.Where(d => d.Dose?.Value is not null).OrderByDescending(d => Gy(d.Dose!) ?? -1).FirstOrDefault();
        if (best.Dose is not null)
        {
            dose = Gy(best.Dose);
            fractions = best.Fractions;
            if (dose is null)
            {
                Warn(entry, $"the delivered dose unit '{Truncate(best.Dose.Code ?? best.Dose.Unit)}' is not cGy or Gy; radiotherapy[{index}].doseGy stays missing", $"radiotherapy[{index}].doseGy");
            }
        }

        fractions ??= (p.GetExtension(Mcode.RadiotherapySessions)?.Value as UnsignedInt)?.Value;
        if (dose is not null)
        {
            fields.Add("doseGy");
        }

        if (fractions is not null)
        {
            fields.Add("fractions");
        }

        var site = p.BodySite.FirstOrDefault() is { } b ? b.Text ?? b.Coding.FirstOrDefault()?.Display : null;
        if (site is not null)
        {
            fields.Add("site");
        }

        var course = new RadiotherapyCourse { Site = site, DoseGy = dose, Fractions = fractions, StartedOn = started, StoppedOn = stopped };
        s.Radiotherapy.Add(new RadiotherapyDraft(entry, course, fields));
    }

    /// <summary>Total dose in Gy from a UCUM cGy or Gy quantity; null for any other unit.</summary>
    private static decimal? Gy(Quantity q) => (q.Code ?? q.Unit) switch
    {
        "cGy" => q.Value / 100m,
        "Gy" => q.Value,
        _ => null,
    };
}
