using Hl7.Fhir.Model;

namespace OligoDecide.Fhir.Tests;

/// <summary>Small builders for Bundles in tests.</summary>
internal static class Fixtures
{
    public const string Sct = "http://snomed.info/sct";
    public const string Lnc = "http://loinc.org";
    public const string Rxn = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string M = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    public static readonly DateOnly Today = new(2025, 11, 20);

    public static string SeedPath(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "seeds", "fhir", name);

    public static Bundle Bundle(params Resource[] resources)
    {
        var b = new Bundle { Id = "test", Type = Hl7.Fhir.Model.Bundle.BundleType.Collection };
        foreach (var r in resources)
        {
            b.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:test:{r.TypeName}/{r.Id}", Resource = r });
        }

        return b;
    }

    public static CodeableConcept Cc(string system, string code, string? display = null) => new(system, code, display);

    public static T Profiled<T>(T r, string profile)
        where T : Resource
    {
        r.Meta = new Meta { Profile = [M + profile] };
        return r;
    }

    public static Condition Primary(CodeableConcept? code = null, CodeableConcept? morphology = null, bool profile = true)
    {
        var c = new Condition { Id = "primary", Code = code, Onset = new FhirDateTime("2025-10-28") };
        if (morphology is not null)
        {
            c.Extension.Add(new Extension(M + "mcode-histology-morphology-behavior", morphology));
        }

        return profile ? Profiled(c, "mcode-primary-cancer-condition") : c;
    }

    public static Condition Secondary(string id, CodeableConcept? site, bool profile = true, CodeableConcept? code = null)
    {
        var c = new Condition { Id = id, Code = code ?? Cc(Sct, "128462008"), Onset = new FhirDateTime("2025-11-05") };
        if (site is not null)
        {
            c.BodySite.Add(site);
        }

        return profile ? Profiled(c, "mcode-secondary-cancer-condition") : c;
    }

    public static Observation Obs(string id, CodeableConcept code, DataType? value, string? profile = null)
    {
        var o = new Observation { Id = id, Status = ObservationStatus.Final, Code = code, Value = value, Effective = new FhirDateTime("2025-11-10") };
        return profile is null ? o : Profiled(o, profile);
    }

    public static Observation Variant(string id, string hgnc, bool? present, string? variation = null, CodeableConcept? presence = null, bool asInterpretation = false)
    {
        var value = presence ?? (present is null ? null : present.Value ? Cc(Lnc, "LA9633-4", "Present") : Cc(Lnc, "LA9634-2", "Absent"));
        var o = Obs(id, Cc(Lnc, "69548-6"), asInterpretation ? null : value, "mcode-genomic-variant");
        if (asInterpretation && value is not null)
        {
            o.Interpretation.Add(value);
        }

        o.Component.Add(new Observation.ComponentComponent { Code = Cc(Lnc, "48018-6"), Value = Cc("http://www.genenames.org", hgnc) });
        if (variation is not null)
        {
            o.Component.Add(new Observation.ComponentComponent { Code = Cc(Lnc, "81252-9"), Value = new CodeableConcept { Text = variation } });
        }

        return o;
    }

    public static MedicationRequest Request(string id, CodeableConcept medication, string start, string? end = null, bool profile = false)
    {
        var m = new MedicationRequest
        {
            Id = id,
            Status = end is null ? MedicationRequest.MedicationrequestStatus.Active : MedicationRequest.MedicationrequestStatus.Completed,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = medication,
            Subject = new ResourceReference("Patient/p"),
        };
        m.DosageInstruction.Add(new Dosage { Timing = new Timing { Repeat = new Timing.RepeatComponent { Bounds = new Period(new FhirDateTime(start), end is null ? null : new FhirDateTime(end)) } } });
        return profile ? Profiled(m, "mcode-cancer-related-medication-request") : m;
    }
}
