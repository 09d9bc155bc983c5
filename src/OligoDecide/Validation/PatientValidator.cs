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

        RuleFor(p => p).Custom((p, context) =>
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
            foreach (var (path, date) in Dates(p))
            {
                if (date < Earliest || date > Latest)
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(path, Implausible(date)) { ErrorCode = FindingCodes.InvalidDate });
                }
                else if (!assessedOk)
                {
                    continue;
                }
                else if (date > p.AssessedOn)
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(path, Inv($"the date {Iso(date)} is after the assessment date (assessedOn {Iso(p.AssessedOn)})")) { ErrorCode = FindingCodes.DateAfterAssessment });
                }
                else if (born is { } b && date < b)
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(path, Inv($"the date {Iso(date)} is before the patient was born (ageYears {p.AgeYears} on assessedOn {Iso(p.AssessedOn)}); check the date or ageYears")) { ErrorCode = FindingCodes.Inconsistent });
                }
            }
        });
        RuleFor(p => p.Primary!).Must(p => p.SclcExtent is null || p.Histology is null or Histology.SmallCell)
            .When(p => p.Primary is not null)
            .WithMessage("sclcExtent applies to small-cell histology only").WithErrorCode(FindingCodes.Inconsistent).OverridePropertyName("Primary.SclcExtent");

        RuleFor(p => p.Biomarkers!.Pdl1Tps).InclusiveBetween(0m, 100m).When(p => p.Biomarkers?.Pdl1Tps is not null)
            .WithMessage(p => Inv($"PD-L1 TPS is a percentage between 0 and 100; found {p.Biomarkers!.Pdl1Tps}")).WithErrorCode(FindingCodes.OutOfRange).OverridePropertyName("Biomarkers.Pdl1Tps");

        RuleForEach(p => p.SystemicTherapies).ChildRules(t =>
        {
            t.RuleFor(x => x.Kind).NotNull().WithMessage("the kind of therapy is required").WithErrorCode(FindingCodes.RequiredValue);
            t.RuleFor(x => x.StoppedOn).Must((x, stopped) => stopped is null || x.StartedOn is null || stopped >= x.StartedOn)
                .WithMessage(x => Inv($"the therapy stopped on {Iso(x.StoppedOn)}, before it started on {Iso(x.StartedOn)}")).WithErrorCode(FindingCodes.StoppedBeforeStarted);
            t.RuleFor(x => x.Ongoing).Must((x, ongoing) => ongoing != true || x.StoppedOn is null)
                .WithMessage(x => Inv($"the therapy is marked ongoing but has a stop date ({Iso(x.StoppedOn)})")).WithErrorCode(FindingCodes.Inconsistent);
            t.RuleFor(x => x.ProgressedOn).Must((x, progressed) => progressed is null || x.StartedOn is null || progressed >= x.StartedOn)
                .WithMessage(x => Inv($"progression on {Iso(x.ProgressedOn)} is before the therapy started on {Iso(x.StartedOn)}")).WithErrorCode(FindingCodes.Inconsistent);
            t.RuleFor(x => x.Cycles).InclusiveBetween(1, 100).When(x => x.Cycles is not null)
                .WithMessage("cycles must be between 1 and 100; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
        }).When(p => p.SystemicTherapies is not null);

        RuleForEach(p => p.Radiotherapy).ChildRules(r =>
        {
            r.RuleFor(x => x.DoseGy).ExclusiveBetween(0m, 200m).When(x => x.DoseGy is not null)
                .WithMessage(x => Inv($"the dose must be more than 0 and less than 200 Gy; found {x.DoseGy}")).WithErrorCode(FindingCodes.OutOfRange);
            r.RuleFor(x => x.Fractions).InclusiveBetween(1, 100).When(x => x.Fractions is not null)
                .WithMessage(x => Inv($"fractions must be between 1 and 100; found {x.Fractions}")).WithErrorCode(FindingCodes.OutOfRange);
            r.RuleFor(x => x.StoppedOn).Must((x, stopped) => stopped is null || x.StartedOn is null || stopped >= x.StartedOn)
                .WithMessage(x => Inv($"the course stopped on {Iso(x.StoppedOn)}, before it started on {Iso(x.StartedOn)}")).WithErrorCode(FindingCodes.StoppedBeforeStarted);
        }).When(p => p.Radiotherapy is not null);

        RuleForEach(p => p.Metastases!.Lesions).ChildRules(l =>
        {
            l.RuleFor(x => x.Organ).NotNull().WithMessage("the organ of every lesion is required").WithErrorCode(FindingCodes.RequiredValue);
            l.RuleFor(x => x.SizeMm).ExclusiveBetween(0m, 1000m).When(x => x.SizeMm is not null)
                .WithMessage(x => Inv($"lesion size must be more than 0 and less than 1000 mm; found {x.SizeMm}")).WithErrorCode(FindingCodes.OutOfRange);
        }).When(p => p.Metastases?.Lesions is not null).OverridePropertyName("Metastases.Lesions");
    }

    /// <summary>Messages are formatted the same under every process culture (no local digits, separators or calendars).</summary>
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as ISO 8601 in the Gregorian calendar, whatever the culture.</summary>
    private static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    private static string Implausible(DateOnly date) => date < Earliest
        ? Inv($"{Iso(date)} is not a plausible date (before {Iso(Earliest)}): it looks like an export tool's placeholder for an unknown date; if the date is unknown, leave the key out")
        : Inv($"{Iso(date)} cannot be used: dates after {Iso(Latest)} leave no room for the classification's six-month windows");

    private static IEnumerable<(string Path, DateOnly Date)> Dates(Patient p)
    {
        if (p.Primary?.DiagnosedOn is { } d)
        {
            yield return ("Primary.DiagnosedOn", d);
        }

        for (var i = 0; i < (p.SystemicTherapies?.Count ?? 0); i++)
        {
            var t = p.SystemicTherapies![i];
            if (t.StartedOn is { } s)
            {
                yield return ($"SystemicTherapies[{i}].StartedOn", s);
            }

            if (t.StoppedOn is { } e)
            {
                yield return ($"SystemicTherapies[{i}].StoppedOn", e);
            }

            if (t.ProgressedOn is { } pr)
            {
                yield return ($"SystemicTherapies[{i}].ProgressedOn", pr);
            }
        }

        for (var i = 0; i < (p.Radiotherapy?.Count ?? 0); i++)
        {
            var r = p.Radiotherapy![i];
            if (r.StartedOn is { } s)
            {
                yield return ($"Radiotherapy[{i}].StartedOn", s);
            }

            if (r.StoppedOn is { } e)
            {
                yield return ($"Radiotherapy[{i}].StoppedOn", e);
            }
        }

        if (p.Metastases?.DiagnosedOn is { } m)
        {
            yield return ("Metastases.DiagnosedOn", m);
        }
    }
}
