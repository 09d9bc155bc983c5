namespace OligoDecide.Classification;

/// <summary>The answer to "which oligometastatic state is this patient in", with how it was reached.</summary>
/// <param name="State">The state.</param>
/// <param name="Category">De novo, repeat, induced, or none.</param>
/// <param name="LesionCount">Countable lesions (mediastinal nodes excluded), or null when the lesions are not recorded.</param>
/// <param name="OrganCount">Distinct organs among the countable lesions, or null when the lesions are not recorded.</param>
/// <param name="Path">Each question asked, in order, with its answer and the facts it rested on.</param>
/// <param name="Missing">For <see cref="OligometastaticState.Indeterminate"/>: the fact paths that would decide it.</param>
/// <param name="Warnings">Points that do not change the state but matter clinically.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.ClassificationJsonConverter))]
public sealed record ClassificationResult(
    OligometastaticState State,
    StateCategory Category,
    int? LesionCount,
    int? OrganCount,
    IReadOnlyList<DecisionStep> Path,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The states the patient could be in: for a decided state, that state alone; for
    /// <see cref="OligometastaticState.Indeterminate"/>, every state that some value of the missing facts
    /// would give (sorted by state id), so a reader can see whether they all lead to the same decision.
    /// </summary>
    public IReadOnlyList<OligometastaticState> PossibleStates { get; init; } = [];

    /// <summary>True for the nine oligometastatic states of the classification.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOligometastatic => State.IsOligometastatic();
}

/// <summary>One question of the decision path.</summary>
/// <param name="Question">The question, in words.</param>
/// <param name="Answer"><c>yes</c>, <c>no</c> or <c>unknown</c>.</param>
/// <param name="Basis">The facts and values the answer rests on.</param>
public sealed record DecisionStep(string Question, string Answer, string Basis);
