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
    /// <summary>Creates the validator.</summary>
    internal PatientValidator()
    {
        RuleFor(p => p.AgeYears).InclusiveBetween(0, 120).When(p => p.AgeYears is not null)
            .WithMessage("age must be between 0 and 120 years; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
        RuleFor(p => p.Ecog).InclusiveBetween(0, 4).When(p => p.Ecog is not null)
            .WithMessage("ECOG performance status must be between 0 and 4; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);

        RuleFor(p => p).Custom((p, context) =>
        {
            foreach (var (path, date) in Dates(p))
            {
                if (date > p.AssessedOn)
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(path, $"the date {date:yyyy-MM-dd} is after the assessment date (assessedOn {p.AssessedOn:yyyy-MM-dd})") { ErrorCode = FindingCodes.DateAfterAssessment });
                }
            }
        });
        RuleFor(p => p.Primary!).Must(p => p.SclcExtent is null || p.Histology is null or Histology.SmallCell)
            .When(p => p.Primary is not null)
            .WithMessage("sclcExtent applies to small-cell histology only").WithErrorCode(FindingCodes.Inconsistent).OverridePropertyName("Primary.SclcExtent");

        RuleFor(p => p.Biomarkers!.Pdl1Tps).InclusiveBetween(0m, 100m).When(p => p.Biomarkers?.Pdl1Tps is not null)
            .WithMessage("PD-L1 TPS is a percentage between 0 and 100; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange).OverridePropertyName("Biomarkers.Pdl1Tps");

        RuleForEach(p => p.SystemicTherapies).ChildRules(t =>
        {
            t.RuleFor(x => x.Kind).NotNull().WithMessage("the kind of therapy is required").WithErrorCode(FindingCodes.RequiredValue);
            t.RuleFor(x => x.StoppedOn).Must((x, stopped) => stopped is null || x.StartedOn is null || stopped >= x.StartedOn)
                .WithMessage(x => $"the therapy stopped on {x.StoppedOn:yyyy-MM-dd}, before it started on {x.StartedOn:yyyy-MM-dd}").WithErrorCode(FindingCodes.StoppedBeforeStarted);
            t.RuleFor(x => x.Ongoing).Must((x, ongoing) => ongoing != true || x.StoppedOn is null)
                .WithMessage(x => $"the therapy is marked ongoing but has a stop date ({x.StoppedOn:yyyy-MM-dd})").WithErrorCode(FindingCodes.Inconsistent);
            t.RuleFor(x => x.ProgressedOn).Must((x, progressed) => progressed is null || x.StartedOn is null || progressed >= x.StartedOn)
                .WithMessage(x => $"progression on {x.ProgressedOn:yyyy-MM-dd} is before the therapy started on {x.StartedOn:yyyy-MM-dd}").WithErrorCode(FindingCodes.Inconsistent);
            t.RuleFor(x => x.Cycles).InclusiveBetween(1, 100).When(x => x.Cycles is not null)
                .WithMessage("cycles must be between 1 and 100; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
        }).When(p => p.SystemicTherapies is not null);

        RuleForEach(p => p.Radiotherapy).ChildRules(r =>
        {
            r.RuleFor(x => x.DoseGy).ExclusiveBetween(0m, 200m).When(x => x.DoseGy is not null)
                .WithMessage("the dose must be more than 0 and less than 200 Gy; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
            r.RuleFor(x => x.Fractions).InclusiveBetween(1, 100).When(x => x.Fractions is not null)
                .WithMessage("fractions must be between 1 and 100; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
            r.RuleFor(x => x.StoppedOn).Must((x, stopped) => stopped is null || x.StartedOn is null || stopped >= x.StartedOn)
                .WithMessage(x => $"the course stopped on {x.StoppedOn:yyyy-MM-dd}, before it started on {x.StartedOn:yyyy-MM-dd}").WithErrorCode(FindingCodes.StoppedBeforeStarted);
        }).When(p => p.Radiotherapy is not null);

        RuleForEach(p => p.Metastases!.Lesions).ChildRules(l =>
        {
            l.RuleFor(x => x.Organ).NotNull().WithMessage("the organ of every lesion is required").WithErrorCode(FindingCodes.RequiredValue);
            l.RuleFor(x => x.SizeMm).ExclusiveBetween(0m, 1000m).When(x => x.SizeMm is not null)
                .WithMessage("lesion size must be more than 0 and less than 1000 mm; found {PropertyValue}").WithErrorCode(FindingCodes.OutOfRange);
        }).When(p => p.Metastases?.Lesions is not null).OverridePropertyName("Metastases.Lesions");
    }

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
