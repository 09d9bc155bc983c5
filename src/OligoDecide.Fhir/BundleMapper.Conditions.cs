using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

internal sealed partial class BundleMapper
{
    private static readonly string[] NotCurrent = ["inactive", "remission", "resolved"];
    private static readonly string[] NotTrue = ["refuted", "entered-in-error"];
    private static readonly string[] NotConfirmed = ["unconfirmed", "provisional", "differential"];

    private void ReadCondition(Condition c, Entry entry, State s)
    {
        var declared = Declared(c, Mcode.PrimaryCancerCondition, Mcode.SecondaryCancerCondition);
        var codings = c.Code?.Coding ?? [];
        var staged = codings.Select(x => CodeTables.Contains(CodeTables.StagedPrimaryDisorder, x.System, x.Code) ? CodeTables.Find(CodeTables.StagedPrimaryDisorder, x.System, x.Code) : null)
            .FirstOrDefault(x => x is not null);
        var kind = declared
            ?? (staged is not null || codings.Any(x => PrimaryCode(x) is not null) ? Mcode.PrimaryCancerCondition
            : codings.Any(x => SecondaryCode(x) is not null) ? Mcode.SecondaryCancerCondition
            : null);
        if (kind is null && LooksMetastatic(c.Code))
        {
            // Not a code OligoDecide reads, but it looks like a metastasis: the lesion count cannot be trusted.
            s.UnreadableCondition = true;
            Ignore(entry, "looks like a metastasis, but its code is not in the secondary-cancer tables");
            Warn(entry, $"Condition.code {Codes(c.Code)} looks like a metastasis (its text or an ICD-10-CM C77–C80 code) but is not one OligoDecide reads; metastases.lesions stays missing", "metastases.lesions");
            return;
        }

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

        if (kind == Mcode.PrimaryCancerCondition && staged is not null)
        {
            // Synthea writes the plain disorder and a second "…, TNM stage N" disorder for the same cancer.
            s.StagedPrimaries.Add((c, entry, staged));
        }
        else if (kind == Mcode.PrimaryCancerCondition)
        {
            ReadPrimary(c, entry, s);
        }
        else
        {
            ReadSecondary(c, entry, s, verification);
        }
    }

    /// <summary>An unread code that names a metastasis: "metasta…" or "secondary malignant" in a display or the text, or an ICD-10-CM C77–C80 code.</summary>
    private static bool LooksMetastatic(CodeableConcept? code)
    {
        if (code is null)
        {
            return false;
        }

        var texts = code.Coding.Select(x => x.Display).Append(code.Text).OfType<string>();
        return texts.Any(t => t.Contains("metasta", StringComparison.OrdinalIgnoreCase) || t.Contains("secondary malignant", StringComparison.OrdinalIgnoreCase))
            || code.Coding.Any(x => x.System == Mcode.Icd10Cm && x.Code is { } k && (k.StartsWith("C77", StringComparison.Ordinal) || k.StartsWith("C78", StringComparison.Ordinal) || k.StartsWith("C79", StringComparison.Ordinal) || k.StartsWith("C7B", StringComparison.Ordinal) || k.StartsWith("C80", StringComparison.Ordinal)));
    }

    /// <summary>The histology a primary-disorder code implies: known (value may be null = lung cancer without histology), or null when not a lung primary code.</summary>
    private static Histology?[]? PrimaryCode(Coding x) =>
        CodeTables.Contains(CodeTables.PrimaryDisorder, x.System, x.Code) ? [CodeTables.Find(CodeTables.PrimaryDisorder, x.System, x.Code)]
        : CodeTables.Contains(CodeTables.PrimaryIcd10Cm, x.System, x.Code) ? [null]
        : CodeTables.Contains(CodeTables.StagedPrimaryDisorder, x.System, x.Code) ? [CodeTables.Find(CodeTables.StagedPrimaryDisorder, x.System, x.Code)!.Histology]
        : null;

    /// <summary>The organ a secondary-disorder code implies: known (value may be null = no organ implied), or null when not a secondary code OligoDecide reads.</summary>
    private static Organ?[]? SecondaryCode(Coding x) =>
        CodeTables.Contains(CodeTables.SecondaryDisorder, x.System, x.Code) ? [CodeTables.Find(CodeTables.SecondaryDisorder, x.System, x.Code)]
        : CodeTables.Contains(CodeTables.SecondaryIcd10Cm, x.System, x.Code) ? [CodeTables.Find(CodeTables.SecondaryIcd10Cm, x.System, x.Code)]
        : null;

    /// <summary>Reads the stage of Synthea-style staged primary conditions, and the first of them as the primary when no other primary was sent.</summary>
    private void ResolveStagedPrimaries(State s)
    {
        if (s.StagedPrimaries.Count == 0)
        {
            return;
        }

        var ordered = s.StagedPrimaries.OrderBy(x => OnsetOf(x.Condition, x.Entry, null) ?? DateOnly.MinValue).ToList();
        var (_, latestEntry, latest) = ordered[^1];
        if (s.StageGroup is null)
        {
            s.StageGroup = latest.StageGroup;
            s.StageFromCondition = true;
            Fact("primary.stageGroup", latestEntry, Mcode.PrimaryCancerCondition);
        }

        foreach (var (c, entry, _) in ordered)
        {
            if (!s.PrimarySeen)
            {
                ReadPrimary(c, entry, s);
            }
            else
            {
                Ignore(entry, "a primary cancer condition whose code carries the TNM stage (as Synthea writes it): read for primary.stageGroup only");
            }
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
        var codeHit = c.Code?.Coding.Select(PrimaryCode).FirstOrDefault(h => h is not null);
        var fromCode = codeHit?[0];

        Histology? histology = fromMorphology ?? fromCode;
        if (fromMorphology is { } m && fromCode is { } d && m != d)
        {
            // The disorder NSCLC (not otherwise specified) is compatible with a more specific non-small-cell morphology.
            histology = d == Histology.NsclcNos && m is Histology.Adenocarcinoma or Histology.Squamous or Histology.LargeCell ? m : null;
            if (histology is null)
            {
                Warn(entry, "the histologyMorphologyBehavior extension and Condition.code name different histologies; primary.histology stays missing", "primary.histology");
            }
        }
        else if (histology is null)
        {
            var unknown = new List<string>();
            if (morphology is not null && morphologyRow is null)
            {
                unknown.Add($"histologyMorphologyBehavior {Codes(morphology)}");
            }

            if (c.Code is not null && codeHit is null)
            {
                unknown.Add($"Condition.code {Codes(c.Code)}");
            }

            if (unknown.Count > 0)
            {
                Warn(entry, $"{string.Join(" and ", unknown)} not in the histology tables; primary.histology stays missing", "primary.histology");
            }
        }

        s.Histology = histology;
        if (histology is not null)
        {
            Fact("primary.histology", entry, Mcode.PrimaryCancerCondition);
        }

        var onset = OnsetOf(c, entry, "primary.diagnosedOn");
        s.PrimaryDiagnosedOn = onset;
        if (onset is not null)
        {
            Fact("primary.diagnosedOn", entry, Mcode.PrimaryCancerCondition);
        }
    }

    /// <summary>
    /// onsetDateTime, else onsetPeriod.start, else (no onset[x] at all) recordedDate. Any other onset[x]
    /// (Age, Range, string) gives no date, with a warning when <paramref name="path"/> is given.
    /// </summary>
    private DateOnly? OnsetOf(Condition c, Entry entry, string? path)
    {
        switch (c.Onset)
        {
            case FhirDateTime dt: return path is null ? FhirDates.Read(dt.Value, out _) : Date(dt.Value, entry, "onsetDateTime", path);
            case Period p: return path is null ? FhirDates.Read(p.Start, out _) : Date(p.Start, entry, "onsetPeriod.start", path);
            case null: return path is null ? FhirDates.Read(c.RecordedDate, out _) : Date(c.RecordedDate, entry, "recordedDate", path);
            default:
                if (path is not null)
                {
                    Warn(entry, $"onset[x] is a {c.Onset.TypeName}, not a dateTime or Period; {path} stays missing", path);
                }

                return null;
        }
    }

    private void ReadSecondary(Condition c, Entry entry, State s, string? verification)
    {
        var clinical = c.ClinicalStatus?.Coding?.FirstOrDefault()?.Code;
        if (clinical is not null && NotCurrent.Contains(clinical))
        {
            Ignore(entry, $"clinicalStatus is {clinical}: not current metastatic disease");
            return;
        }

        if (c.Abatement is not null)
        {
            Ignore(entry, "abatement[x] is recorded: the metastasis has abated, not current metastatic disease");
            return;
        }

        if (verification is not null && NotConfirmed.Contains(verification))
        {
            s.UnconfirmedLesions = true;
            Ignore(entry, $"verificationStatus is {verification}: a suspected metastasis, not counted");
            Warn(entry, "a suspected metastasis (verificationStatus provisional, differential or unconfirmed): only confirmed metastases are counted, so the lesion count is unknown and metastases.lesions stays missing until it is confirmed or refuted", "metastases.lesions");
            return;
        }

        var index = s.Lesions.Count;
        var lesion = new LesionDraft { Entry = entry, Profile = Mcode.SecondaryCancerCondition, Order = index };
        var path = $"metastases.lesions[{index}].organ";
        var codeHits = (c.Code?.Coding ?? []).Select(SecondaryCode).Where(h => h is not null).ToList();
        var fromCode = codeHits.Select(h => h![0]).OfType<Organ>().Distinct().ToList();
        if (codeHits.Count == 0)
        {
            Warn(entry, $"Condition.code {Codes(c.Code)} is not one of the secondary cancer codes OligoDecide reads; read as a metastasis by its profile", path);
        }

        var known = c.BodySite.SelectMany(b => b.Coding)
            .Where(x => CodeTables.Contains(CodeTables.BodySite, x.System, x.Code))
            .Select(x => CodeTables.Find(CodeTables.BodySite, x.System, x.Code)).Distinct().ToList();
        if (known.Count > 1)
        {
            Warn(entry, $"bodySite names {known.Count} different organs for one lesion; the organ stays missing", path);
        }
        else if (known.Count == 1 && fromCode.Count == 1 && fromCode[0] != known[0])
        {
            Warn(entry, "bodySite and Condition.code name different organs; the organ stays missing", path);
        }
        else if (known.Count == 1)
        {
            lesion.Organ = known[0];
        }
        else if (fromCode.Count == 1)
        {
            lesion.Organ = fromCode[0];
            if (c.BodySite.Count > 0)
            {
                Warn(entry, $"bodySite {string.Join("; ", c.BodySite.Select(Codes))} is not in the body-site table; the organ is taken from Condition.code", path);
            }
        }
        else if (c.BodySite.Count > 0)
        {
            Warn(entry, $"bodySite {string.Join("; ", c.BodySite.Select(Codes))} is not in the body-site table and Condition.code names no organ; the organ stays missing", path);
        }
        else
        {
            Warn(entry, "the secondary cancer condition has no bodySite and its code names no single organ; the organ stays missing", path);
        }

        lesion.Onset = OnsetOf(c, entry, "metastases.diagnosedOn");
        // detectedOn reads the onset only: a recordedDate can fall after a therapy started for a lesion seen on the
        // baseline scan, and would make it look new on therapy. No onset leaves detectedOn unknown.
        lesion.DetectedOn = c.Onset is FhirDateTime or Period ? lesion.Onset : null;
        s.Lesions.Add(lesion);
    }

    /// <summary>Applies the latest cancer-disease-status Observation that focuses each lesion's Condition.</summary>
    private void ResolveStatuses(State s)
    {
        var lesionsByEntry = s.Lesions.ToDictionary(l => l.Entry);
        foreach (var group in s.Statuses.GroupBy(x => Resolve(s, x.Focus) is { } e ? lesionsByEntry.GetValueOrDefault(e) : null))
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
                Warn(latest.Entry, $"disease status {Codes(latest.Value)} is not in the disease-status table; the lesion status stays missing", $"metastases.lesions[{group.Key.Order}].status");
                continue;
            }

            group.Key.Status = CodeTables.Find(CodeTables.DiseaseStatus, known.System, known.Code);
            group.Key.StatusFrom = group.Key.Status is null ? null : latest.Entry;
        }
    }
}
