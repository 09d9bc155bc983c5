using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

internal sealed partial class BundleMapper
{
    private static readonly string[] NotCurrent = ["inactive", "remission", "resolved"];
    private static readonly string[] NotTrue = ["refuted", "entered-in-error"];

    private void ReadCondition(Condition c, Entry entry, State s)
    {
        var declared = Declared(c, Mcode.PrimaryCancerCondition, Mcode.SecondaryCancerCondition);
        var codings = c.Code?.Coding ?? [];
        var kind = declared
            ?? (codings.Any(x => CodeTables.Contains(CodeTables.PrimaryDisorder, x.System, x.Code)) ? Mcode.PrimaryCancerCondition
            : codings.Any(x => CodeTables.Contains(CodeTables.SecondaryDisorder, x.System, x.Code)) ? Mcode.SecondaryCancerCondition
            : null);
        if (kind is null)
        {
            Ignore(entry, "not an mCODE primary or secondary cancer condition (no such profile, and its code is not in the cancer-condition tables)");
            return;
        }

        var verification = c.VerificationStatus?.Coding?.FirstOrDefault()?.Code;
        if (verification is not null && NotTrue.Contains(verification))
        {
            Ignore(entry, $"verificationStatus is {verification}");
            return;
        }

        if (kind == Mcode.PrimaryCancerCondition)
        {
            ReadPrimary(c, entry, s);
        }
        else
        {
            ReadSecondary(c, entry, s);
        }
    }

    private void ReadPrimary(Condition c, Entry entry, State s)
    {
        if (s.PrimarySeen)
        {
            Ignore(entry, "a second primary cancer condition; only the first is read");
            Warn($"the Bundle holds more than one primary cancer condition; {entry.Ref} was not read", "primary");
            return;
        }

        s.PrimarySeen = true;
        var morphology = c.GetExtension(Mcode.HistologyMorphologyBehavior)?.Value as CodeableConcept;
        var morphologyRow = morphology?.Coding.FirstOrDefault(x => CodeTables.Contains(CodeTables.Morphology, x.System, x.Code));
        Histology? fromMorphology = morphologyRow is null ? null : CodeTables.Find(CodeTables.Morphology, morphologyRow.System, morphologyRow.Code);
        var codeRow = c.Code?.Coding.FirstOrDefault(x => CodeTables.Contains(CodeTables.PrimaryDisorder, x.System, x.Code));
        var fromCode = codeRow is null ? null : CodeTables.Find(CodeTables.PrimaryDisorder, codeRow.System, codeRow.Code);

        Histology? histology = fromMorphology ?? fromCode;
        if (fromMorphology is { } m && fromCode is { } d && m != d)
        {
            // The disorder NSCLC (not otherwise specified) is compatible with a more specific non-small-cell morphology.
            histology = d == Histology.NsclcNos && m is Histology.Adenocarcinoma or Histology.Squamous or Histology.LargeCell ? m : null;
            if (histology is null)
            {
                Warn($"{entry.Ref}: the histologyMorphologyBehavior extension and Condition.code name different histologies; primary.histology stays missing", "primary.histology");
            }
        }
        else if (histology is null)
        {
            var unknown = new List<string>();
            if (morphology is not null && morphologyRow is null)
            {
                unknown.Add($"histologyMorphologyBehavior {Codes(morphology)}");
            }

            if (c.Code is not null && codeRow is null)
            {
                unknown.Add($"Condition.code {Codes(c.Code)}");
            }

            if (unknown.Count > 0)
            {
                Warn($"{entry.Ref}: {string.Join(" and ", unknown)} not in the histology tables; primary.histology stays missing", "primary.histology");
            }
        }

        s.Histology = histology;
        if (histology is not null)
        {
            Fact("primary.histology", entry, Mcode.PrimaryCancerCondition);
        }

        var onset = c.Onset is FhirDateTime dt ? Date(dt.Value, entry, "onsetDateTime", "primary.diagnosedOn") : null;
        onset ??= c.Onset is null ? Date(c.RecordedDate, entry, "recordedDate", "primary.diagnosedOn") : null;
        if (c.Onset is not null and not FhirDateTime)
        {
            Warn($"{entry.Ref}: onset[x] is a {c.Onset.TypeName}, not a dateTime; primary.diagnosedOn stays missing", "primary.diagnosedOn");
        }

        s.PrimaryDiagnosedOn = onset;
        if (onset is not null)
        {
            Fact("primary.diagnosedOn", entry, Mcode.PrimaryCancerCondition);
        }
    }

    private void ReadSecondary(Condition c, Entry entry, State s)
    {
        var clinical = c.ClinicalStatus?.Coding?.FirstOrDefault()?.Code;
        if (clinical is not null && NotCurrent.Contains(clinical))
        {
            Ignore(entry, $"clinicalStatus is {clinical}: not current metastatic disease");
            return;
        }

        var lesion = new LesionDraft { Entry = entry, Profile = Mcode.SecondaryCancerCondition, Order = s.Lesions.Count };
        var path = $"metastases.lesions[{s.Lesions.Count}].organ";
        var organs = c.BodySite.SelectMany(b => b.Coding)
            .Where(x => CodeTables.Contains(CodeTables.BodySite, x.System, x.Code))
            .Select(x => CodeTables.Find(CodeTables.BodySite, x.System, x.Code)).Distinct().ToList();
        if (organs.Count == 1)
        {
            lesion.Organ = organs[0];
        }
        else if (organs.Count > 1)
        {
            Warn($"{entry.Ref}: bodySite names {organs.Count} different organs for one lesion; the organ stays missing", path);
        }
        else if (c.BodySite.Count == 0)
        {
            Warn($"{entry.Ref}: the secondary cancer condition has no bodySite; the organ stays missing", path);
        }
        else
        {
            Warn($"{entry.Ref}: bodySite {string.Join("; ", c.BodySite.Select(Codes))} is not in the body-site table; the organ stays missing", path);
        }

        lesion.Onset = c.Onset is FhirDateTime dt ? Date(dt.Value, entry, "onsetDateTime", "metastases.diagnosedOn")
            : c.Onset is null ? Date(c.RecordedDate, entry, "recordedDate", "metastases.diagnosedOn") : null;
        s.Lesions.Add(lesion);
    }

    /// <summary>Applies the latest cancer-disease-status Observation that focuses each lesion's Condition.</summary>
    private void ResolveStatuses(State s)
    {
        var lesionsByRef = new Dictionary<string, LesionDraft>(StringComparer.Ordinal);
        foreach (var l in s.Lesions)
        {
            lesionsByRef.TryAdd(l.Entry.Ref, l);
            if (l.Entry.Resource.Id is { Length: > 0 } id)
            {
                lesionsByRef.TryAdd($"Condition/{id}", l);
            }
        }

        foreach (var group in s.Statuses.GroupBy(x => lesionsByRef.GetValueOrDefault(x.Focus)))
        {
            if (group.Key is null)
            {
                foreach (var o in group)
                {
                    Ignore(o.Entry, "its focus is not a current secondary cancer condition in this Bundle (lesion status is read per lesion)");
                }

                continue;
            }

            var ordered = group.OrderByDescending(x => x.Effective ?? DateOnly.MinValue).ToList();
            var latest = ordered[0];
            foreach (var older in ordered.Skip(1))
            {
                Ignore(older.Entry, "an older disease status for the same lesion");
            }

            var known = latest.Value?.Coding.FirstOrDefault(x => CodeTables.Contains(CodeTables.DiseaseStatus, x.System, x.Code));
            if (known is null)
            {
                Warn($"{latest.Entry.Ref}: disease status {Codes(latest.Value)} is not in the disease-status table; the lesion status stays missing", $"metastases.lesions[{group.Key.Order}].status");
                continue;
            }

            group.Key.Status = CodeTables.Find(CodeTables.DiseaseStatus, known.System, known.Code);
            group.Key.StatusFrom = group.Key.Status is null ? null : latest.Entry;
        }
    }
}
