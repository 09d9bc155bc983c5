namespace OligoDecide.Classification;

/// <summary>
/// The states of the ESTRO/EORTC 2020 classification (Guckenberger et al., Lancet Oncol 2020;21:e18-e28),
/// plus the three non-oligometastatic outcomes. The document spelling (see <see cref="StateIds"/>) is a public contract.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.KebabCaseEnumConverter<OligometastaticState>))]
public enum OligometastaticState
{
    /// <summary><c>synchronous-oligometastatic</c>: de novo, metastases found within the synchronous window of the primary diagnosis.</summary>
    SynchronousOligometastatic,

    /// <summary><c>metachronous-oligorecurrence</c>: de novo, after the window, off systemic therapy.</summary>
    MetachronousOligorecurrence,

    /// <summary><c>metachronous-oligoprogression</c>: de novo, after the window, during systemic therapy.</summary>
    MetachronousOligoprogression,

    /// <summary><c>repeat-oligorecurrence</c>: oligometastatic before, off systemic therapy.</summary>
    RepeatOligorecurrence,

    /// <summary><c>repeat-oligoprogression</c>: oligometastatic before, a new or progressing lesion on systemic therapy.</summary>
    RepeatOligoprogression,

    /// <summary><c>repeat-oligopersistence</c>: oligometastatic before, lesions persisting on systemic therapy without progression.</summary>
    RepeatOligopersistence,

    /// <summary><c>induced-oligorecurrence</c>: polymetastatic before, off systemic therapy.</summary>
    InducedOligorecurrence,

    /// <summary><c>induced-oligoprogression</c>: polymetastatic before, a new or progressing lesion on systemic therapy.</summary>
    InducedOligoprogression,

    /// <summary><c>induced-oligopersistence</c>: polymetastatic before, lesions persisting on systemic therapy without progression.</summary>
    InducedOligopersistence,

    /// <summary><c>polymetastatic</c>: more lesions or organs than the oligometastatic limits.</summary>
    Polymetastatic,

    /// <summary><c>no-metastatic-disease</c>: no countable metastasis.</summary>
    NoMetastaticDisease,

    /// <summary><c>indeterminate</c>: a fact the decision needs is missing; see <see cref="ClassificationResult.Missing"/>.</summary>
    Indeterminate,
}

/// <summary>The category of oligometastatic disease: how the patient came to it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.KebabCaseEnumConverter<StateCategory>))]
public enum StateCategory
{
    /// <summary><c>de-novo</c>: no metastatic disease before.</summary>
    DeNovo,

    /// <summary><c>repeat</c>: oligometastatic disease before.</summary>
    Repeat,

    /// <summary><c>induced</c>: polymetastatic disease before.</summary>
    Induced,

    /// <summary><c>none</c>: not oligometastatic, or the category is not known.</summary>
    None,
}
