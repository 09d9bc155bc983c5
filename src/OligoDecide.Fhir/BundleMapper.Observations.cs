using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

internal sealed partial class BundleMapper
{
    private static readonly string[] ObservationProfiles =
    [
        Mcode.TnmStageGroup, Mcode.TumorMarkerTest, Mcode.GenomicVariant, Mcode.EcogPerformanceStatus,
        Mcode.CancerDiseaseStatus, Mcode.HistoryOfMetastaticCancer, Mcode.TnmDistantMetastasesCategory,
    ];

    private static readonly string[] StageGroups = ["I", "IA", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB"];

    private void ReadObservation(Observation o, Entry entry, State s)
    {
        var status = o.Status;
        if (status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled or ObservationStatus.Registered)
        {
            Ignore(entry, $"status is {o.StatusElement?.JsonValue}");
            return;
        }

        var kind = Declared(o, ObservationProfiles)
            ?? o.Code?.Coding.Select(x => CodeTables.Find(CodeTables.ObservationKind, x.System, x.Code)).FirstOrDefault(k => k is not null);
        var effective = o.Effective is FhirDateTime dt ? FhirDates.Read(dt.Value, out _) : null;
        switch (kind)
        {
            case Mcode.EcogPerformanceStatus: ReadEcog(o, entry, s, effective); break;
            case Mcode.TnmStageGroup: ReadStageGroup(o, entry, s, effective); break;
            case Mcode.TumorMarkerTest: ReadTumorMarker(o, entry, s); break;
            case Mcode.GenomicVariant: ReadVariant(o, entry, s); break;
            case Mcode.CancerDiseaseStatus:
                var focus = o.Focus.FirstOrDefault()?.Reference;
                if (focus is null)
                {
                    Ignore(entry, "a disease status without focus (lesion status is read per lesion)");
                }
                else
                {
                    s.Statuses.Add(new StatusObservation(entry, focus, effective, o.Value as CodeableConcept));
                }

                break;
            case Mcode.HistoryOfMetastaticCancer: ReadHistory(o, entry, s); break;
            case Mcode.TnmDistantMetastasesCategory: ReadDistantMetastases(o, entry, s, effective); break;
            default: Ignore(entry, "not one of the mCODE observations OligoDecide reads (by profile or code)"); break;
        }
    }

    private void ReadEcog(Observation o, Entry entry, State s, DateOnly? effective)
    {
        if (o.Value is not Integer { Value: { } score })
        {
            Warn(entry, $"the ECOG value is {(o.Value is null ? "absent" : "a " + o.Value.TypeName)}, not an integer; ecog stays missing", "ecog");
            return;
        }

        if (s.Ecog is not null && (effective ?? DateOnly.MinValue) < (s.EcogDate ?? DateOnly.MinValue))
        {
            Ignore(entry, "an older ECOG score");
            return;
        }

        s.Ecog = score;
        s.EcogDate = effective;
        _provenance.RemoveAll(f => f.Path == "ecog");
        Fact("ecog", entry, Mcode.EcogPerformanceStatus);
    }

    private void ReadStageGroup(Observation o, Entry entry, State s, DateOnly? effective)
    {
        var value = o.Value as CodeableConcept;
        string? group = null;
        foreach (var coding in value?.Coding ?? [])
        {
            group = coding.System == Mcode.Ajcc ? Roman(coding.Code) : null;
            group ??= AjccDisplay(coding.Display);
            if (group is not null)
            {
                break;
            }
        }

        group ??= AjccDisplay(value?.Text);
        if (group is null)
        {
            Warn(entry, $"stage group {Codes(value)} is not an AJCC stage group OligoDecide reads (I–IVB); primary.stageGroup stays missing", "primary.stageGroup");
            return;
        }

        if (s.StageGroup is not null && (effective ?? DateOnly.MinValue) < (s.StageDate ?? DateOnly.MinValue))
        {
            Ignore(entry, "an older stage group");
            return;
        }

        s.StageGroup = group;
        s.StageDate = effective;
        s.StageFrom = entry;
        _provenance.RemoveAll(f => f.Path == "primary.stageGroup");
        Fact("primary.stageGroup", entry, Mcode.TnmStageGroup);
    }

    /// <summary>
    /// The TNM distant-metastasis (M) category: M0 says the record found no distant metastasis at that
    /// time, M1 (a–c) that there is. Codes: AJCC (<c>cM0</c>, <c>pM1b</c>) or a display such as "American
    /// Joint Committee on Cancer cM0 (qualifier value)" (SNOMED CT). MX or anything else → warning, not read.
    /// The latest wins.
    /// </summary>
    private void ReadDistantMetastases(Observation o, Entry entry, State s, DateOnly? effective)
    {
        var value = o.Value as CodeableConcept;
        var category = (value?.Coding ?? []).Select(c => MCategory(c.Code) ?? MCategory(c.Display)).FirstOrDefault(c => c is not null) ?? MCategory(value?.Text);
        if (category is null)
        {
            Ignore(entry, "an M category OligoDecide does not read");
            Warn(entry, $"M category {Codes(value)} is not M0 or M1 (AJCC); it is not used to tell whether there is metastatic disease", "metastases");
            return;
        }

        if (s.DistantMetastases is not null && (effective ?? DateOnly.MinValue) < (s.DistantMetastasesDate ?? DateOnly.MinValue))
        {
            Ignore(entry, "an older M category");
            return;
        }

        if (s.DistantMetastasesFrom is { } older)
        {
            Ignore(older, "an older M category");
        }

        s.DistantMetastases = category;
        s.DistantMetastasesDate = effective;
        s.DistantMetastasesFrom = entry;
    }

    /// <summary><c>M0</c> or <c>M1</c> from an AJCC code or display (<c>cM0</c>, <c>pM1a</c>, "AJCC cM1c (qualifier value)"); null otherwise.</summary>
    private static string? MCategory(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var m = Regex.Match(text.Trim(), @"^(?:American Joint Committee on Cancer |AJCC )?(?:y?[cp])?M(0|1[a-c]?)(?:\(i\+\))?(?: category)?(?: \(qualifier value\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return !m.Success ? null : m.Groups[1].Value == "0" ? "M0" : "M1";
    }

    /// <summary>An AJCC code such as <c>IVA</c>, <c>cIVA</c> or <c>pIIIB</c>.</summary>
    private static string? Roman(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var c = code.Trim();
        c = c.Length > 1 && "cpy".Contains(c[0], StringComparison.Ordinal) ? c[1..] : c;
        return StageGroups.FirstOrDefault(g => g == c);
    }

    /// <summary>A display such as "American Joint Committee on Cancer stage IVA (qualifier value)".</summary>
    private static string? AjccDisplay(string? display)
    {
        if (display is null)
        {
            return null;
        }

        var m = Regex.Match(display, @"^(?:American Joint Committee on Cancer |AJCC )?stage ([IV]+[ABC]?)(?: \(qualifier value\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return m.Success ? StageGroups.FirstOrDefault(g => g == m.Groups[1].Value.ToUpperInvariant()) : null;
    }

    private void ReadTumorMarker(Observation o, Entry entry, State s)
    {
        var codings = o.Code?.Coding ?? [];
        if (codings.Any(x => CodeTables.Same(CodeTables.Pdl1Tps.System, x.System) && x.Code == CodeTables.Pdl1Tps.Code))
        {
            if (o.Value is Quantity { Value: { } percent } q && (q.Code == "%" || q.Unit == "%"))
            {
                s.Pdl1 = percent;
                Fact("biomarkers.pdl1Tps", entry, Mcode.TumorMarkerTest);
            }
            else
            {
                Warn(entry, $"the PD-L1 TPS value is not a Quantity in percent (UCUM '%'); biomarkers.pdl1Tps stays missing", "biomarkers.pdl1Tps");
            }

            return;
        }

        if (codings.Any(x => CodeTables.Contains(CodeTables.Pdl1Qualitative, x.System, x.Code)))
        {
            Ignore(entry, "a qualitative PD-L1 result: it gives no tumour proportion score");
            Warn(entry, $"PD-L1 {Codes(o.Code)} is a qualitative result, not a TPS; biomarkers.pdl1Tps stays missing unless LOINC 83053-9 is sent", "biomarkers.pdl1Tps");
            return;
        }

        var text = string.Join(' ', codings.Select(x => x.Display).Append(o.Code?.Text));
        if (text.Contains("PD-L1", StringComparison.OrdinalIgnoreCase) || text.Contains("CD274", StringComparison.OrdinalIgnoreCase))
        {
            Warn(entry, $"tumour marker {Codes(o.Code)} looks like PD-L1 but its code is not in the PD-L1 table; biomarkers.pdl1Tps stays missing", "biomarkers.pdl1Tps");
        }

        Ignore(entry, $"tumour marker {Codes(o.Code)} is not used by OligoDecide");
    }

    private void ReadHistory(Observation o, Entry entry, State s)
    {
        if (o.Value is FhirBoolean { Value: false })
        {
            s.HistoryPolymetastatic = false;
            s.HistoryOligometastatic = false;
            Fact("history.polymetastatic", entry, Mcode.HistoryOfMetastaticCancer);
            Fact("history.oligometastatic", entry, Mcode.HistoryOfMetastaticCancer);
            return;
        }

        Ignore(entry, "a history of metastatic cancer that does not say whether it was oligo- or polymetastatic");
        Warn(entry, $"metastatic cancer is recorded in the history, but mCODE does not code whether it was oligo- or polymetastatic; history.polymetastatic and history.oligometastatic stay missing", "history");
    }
}
