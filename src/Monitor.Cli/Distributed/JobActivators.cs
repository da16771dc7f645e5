using Hangfire;

namespace Monitor.Cli.Distributed;

/// <summary>Hands Hangfire the job instances this process built.</summary>
internal sealed class InstanceActivator(params object[] jobs) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobs.FirstOrDefault(j => j.GetType() == jobType) ?? base.ActivateJob(jobType);
}
