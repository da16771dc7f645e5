namespace Monitor.Probing.Tests;

/// <summary>Tests that measure the process's allocations, run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    /// <summary>The collection's name.</summary>
    public const string Name = "run alone";
}
