using Hangfire;

namespace Monitor.Cli.Scheduling;

/// <summary>Hands Hangfire the one <see cref="RoundJob"/> this process built (the composition root owns its dependencies).</summary>
public sealed class SingleJobActivator(RoundJob job) : JobActivator
{
    /// <inheritdoc />
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(RoundJob) ? job : base.ActivateJob(jobType);
}
