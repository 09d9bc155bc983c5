using System.Globalization;
using FluentValidation;
using OligoDecide.Model;

namespace OligoDecide.Validation;

/// <summary>
/// Checks a <see cref="Patient"/> for values that are well-formed but impossible: ranges,
/// dates after the assessment date, therapies stopped before they started. Reads no clock:
/// "today" is <see cref="Patient.AssessedOn"/>.
/// </summary>
internal sealed class PatientValidator : AbstractValidator<Patient>
{
    /// <summary>Dates before this are taken for an export tool's "no date" placeholder (1900-01-01, 0001-01-01), not a real date.</summary>
    private static readonly DateOnly Earliest = new(1900, 1, 2);

    /// <summary>Dates after this cannot be used: the six-month windows of the classification would run past the calendar (9999-12-31).</summary>
    private static readonly DateOnly Latest = new(9999, 6, 30);

    /// <summary>Creates the validator.</summary>
    internal PatientValidator()
    {
        RuleFor(p => p.AgeYears).InclusiveBetween(0, 120).When(p => p.AgeYears is not null)
            .WithMessage(p => Inv($"age must be between 0 and 120 years; found {p.AgeYears}")).WithErrorCode(FindingCodes.OutOfRange);
        RuleFor(p => p.Ecog).InclusiveBetween(0, 4).When(p => p.Ecog is not null)
            .WithMessage(p => Inv($"ECOG performance status must be between 0 and 4; found {p.Ecog}")).WithErrorCode(FindingCodes.OutOfRange);

        RuleFor(p => p).Custom(static (p, context) =>
        {
            // Unusable (or missing: the reader leaves DateOnly.MaxValue) assessment date: no date can be checked against it.
            var assessedOk = p.AssessedOn >= Earliest && p.AssessedOn <= Latest;
            if (!assessedOk)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure("AssessedOn", Implausible(p.AssessedOn)) { ErrorCode = FindingCodes.InvalidDate });
            }

            // The earliest day the patient can have been born, from ageYears on the assessment date.
            DateOnly? born = p.AgeYears is >= 0 and <= 120 && p.AssessedOn.Year > p.AgeYears + 1
                ? p.AssessedOn.AddYears(-(p.AgeYears.Value + 1)).AddDays(1)
                : null;

            // Every date in document order; its path is built only for a failure (most patients have none).
            var dates = new DateCheck(p, context, assessedOk, born);
            dates.Check(p.Primary?.DiagnosedOn, "Primary.DiagnosedOn", -1, null);
            for (var i = 0; i < (p.SystemicTherapies?.Count ?? 0); i++)
            {
                var t = p.SystemicTherapies![i];
                dates.Check(t.StartedOn, "SystemicTherapies", i, "StartedOn");
                dates.Check(t.StoppedOn, "SystemicTherapies", i, "StoppedOn");
                dates.Check(t.ProgressedOn, "SystemicTherapies", i, "ProgressedOn");
            }

            for (var i = 0; i < (p.Radiotherapy?.Count ?? 0); i++)
            {
                var r = p.Radiotherapy![i];
                dates.Check(r.StartedOn, "Radiotherapy", i, "StartedOn");
                dates.Check(r.StoppedOn, "Radiotherapy", i, "StoppedOn");
            }

            dates.Check(p.Metastases?.DiagnosedOn, "Metastases.DiagnosedOn", -1, null);
            for (var i = 0; i < (p.Metastases?.Lesions?.Count ?? 0); i++)
            {
                dates.Check(p.Metastases!.Lesions![i].DetectedOn, "Metastases.Lesions", i, "DetectedOn");
            }
        });
        RuleFor(p => p.Primary!).Must(p => p.SclcExtent is null || p.Histology is null or Histology.SmallCell)
            .When(p => p.Primary is not null)
            .WithMessage("sclcExtent applies to small-cell histology only").WithErrorCode(FindingCodes.Inconsistent).OverridePropertyName("Primary.SclcExtent");

        RuleFor(p => p.Biomarkers!.Pdl1Tps).InclusiveBetween(0m, 100m).When(p => p.Biomarkers?.Pdl1Tps is not null)
            .WithMessage(p => Inv($"PD-L1 TPS is a percentage between 0 and 100; found {p.Biomarkers!.Pdl1Tps}")).WithErrorCode(FindingCodes.OutOfRange).OverridePropertyName("Biomarkers.Pdl1Tps");

        // The items of the three lists are checked in one loop each rather than with FluentValidation's child rules
        // (RuleForEach/ChildRules): those build a child context and an indexed property path for every item of every
        // patient, which was about nine tenths of this validator's time and allocation on generated patients
        // (docs/performance.md). Same checks, messages, codes, paths and order; a path is built only for a failure.
        RuleFor(p => p.SystemicTherapies).Custom(static (therapies, context) =>
        {
            for (var i = 0; i < (therapies?.Count ?? 0); i++)
            {
                var x = therapies![i];
                if (x.Kind is null)
                {
                    Fail(context, "SystemicTherapies", i, "Kind", "the kind of therapy is required", FindingCodes.RequiredValue);
                }

                if (x.StoppedOn is { } stopped && x.StartedOn is { } started && stopped < started)
                {
                    Fail(context, "SystemicTherapies", i, "StoppedOn", Inv($"the therapy stopped on {Iso(x.StoppedOn)}, before it started on {Iso(x.StartedOn)}"), FindingCodes.StoppedBeforeStarted);
                }

                if (x.Ongoing == true && x.StoppedOn is not null)
                {
                    Fail(context, "SystemicTherapies", i, "Ongoing", Inv($"the therapy is marked ongoing but has a stop date ({Iso(x.StoppedOn)})"), FindingCodes.Inconsistent);
                }

                if (x.ProgressedOn is { } progressed && x.StartedOn is { } start && progressed < start)
                {
                    Fail(context, "SystemicTherapies", i, "ProgressedOn", Inv($"progression on {Iso(x.ProgressedOn)} is before the therapy started on {Iso(x.StartedOn)}"), FindingCodes.Inconsistent);
                }

                if (x.Cycles is { } cycles && cycles is < 1 or > 100)
                {
                    Fail(context, "SystemicTherapies", i, "Cycles", Inv($"cycles must be between 1 and 100; found {cycles}"), FindingCodes.OutOfRange);
                }
            }
        });

        RuleFor(p => p.Radiotherapy).Custom(static (courses, context) =>
        {
            for (var i = 0; i < (courses?.Count ?? 0); i++)
            {
                var x = courses![i];
                if (x.DoseGy is { } dose && dose is <= 0m or >= 200m)
                {
                    Fail(context, "Radiotherapy", i, "DoseGy", Inv($"the dose must be more than 0 and less than 200 Gy; found {x.DoseGy}"), FindingCodes.OutOfRange);
                }

                if (x.Fractions is { } fractions && fractions is < 1 or > 100)
                {
                    Fail(context, "Radiotherapy", i, "Fractions", Inv($"fractions must be between 1 and 100; found {x.Fractions}"), FindingCodes.OutOfRange);
                }

                if (x.StoppedOn is { } stopped && x.StartedOn is { } started && stopped < started)
                {
                    Fail(context, "Radiotherapy", i, "StoppedOn", Inv($"the course stopped on {Iso(x.StoppedOn)}, before it started on {Iso(x.StartedOn)}"), FindingCodes.StoppedBeforeStarted);
                }
            }
        });

        RuleFor(p => p.Metastases).Custom(static (metastases, context) =>
        {
            var lesions = metastases?.Lesions;
            for (var i = 0; i < (lesions?.Count ?? 0); i++)
            {
                var x = lesions![i];
                if (x.Organ is null)
                {
                    Fail(context, "Metastases.Lesions", i, "Organ", "the organ of every lesion is required", FindingCodes.RequiredValue);
                }

                if (x.SizeMm is { } size && size is <= 0m or >= 1000m)
                {
                    Fail(context, "Metastases.Lesions", i, "SizeMm", Inv($"lesion size must be more than 0 and less than 1000 mm; found {x.SizeMm}"), FindingCodes.OutOfRange);
                }
            }
        });
    }

    /// <summary>Adds a failure at <c>list[index].property</c> (e.g. <c>SystemicTherapies[0].StoppedOn</c>).</summary>
    private static void Fail(FluentValidation.ValidationContext<Patient> context, string list, int index, string property, string message, string code) =>
        context.AddFailure(new FluentValidation.Results.ValidationFailure(ItemPath(list, index, property), message) { ErrorCode = code });

    /// <summary><c>list[index].property</c>, or <paramref name="list"/> alone when <paramref name="index"/> is negative.</summary>
    private static string ItemPath(string list, int index, string? property) =>
        index < 0 ? list : string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].{property}");

    /// <summary>Messages are formatted the same under every process culture (no local digits, separators or calendars).</summary>
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as ISO 8601 in the Gregorian calendar, whatever the culture.</summary>
    private static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    private static string Implausible(DateOnly date) => date < Earliest
        ? Inv($"{Iso(date)} is not a plausible date (before {Iso(Earliest)}): it looks like an export tool's placeholder for an unknown date; if the date is unknown, leave the key out")
        : Inv($"{Iso(date)} cannot be used: dates after {Iso(Latest)} leave no room for the classification's six-month windows");

    /// <summary>
    /// The date checks of one patient: plausible, not after the assessment date, not before the patient was born.
    /// A value type with no closure, so a valid patient's dates cost no allocation.
    /// </summary>
    private readonly struct DateCheck(Patient p, FluentValidation.ValidationContext<Patient> context, bool assessedOk, DateOnly? born)
    {
        /// <summary>Checks one date; its path is <paramref name="name"/>, or <c>name[index].leaf</c> when <paramref name="index"/> is not negative.</summary>
        internal void Check(DateOnly? value, string name, int index, string? leaf)
        {
            if (value is not { } date)
            {
                return;
            }

            if (date < Earliest || date > Latest)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(Path(name, index, leaf), Implausible(date)) { ErrorCode = FindingCodes.InvalidDate });
            }
            else if (!assessedOk)
            {
                return;
            }
            else if (date > p.AssessedOn)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(Path(name, index, leaf), Inv($"the date {Iso(date)} is after the assessment date (assessedOn {Iso(p.AssessedOn)})")) { ErrorCode = FindingCodes.DateAfterAssessment });
            }
            else if (born is { } b && date < b)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(Path(name, index, leaf), Inv($"the date {Iso(date)} is before the patient was born (ageYears {p.AgeYears} on assessedOn {Iso(p.AssessedOn)}); check the date or ageYears")) { ErrorCode = FindingCodes.Inconsistent });
            }
        }

        private static string Path(string name, int index, string? leaf) => ItemPath(name, index, leaf);
    }
}
