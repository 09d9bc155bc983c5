using System.Diagnostics;

namespace OligoDecide.Tests.Cli;

/// <summary>
/// Snapshooter locates <c>__snapshots__</c> from the source path recorded in the test assembly. If a
/// build mapped those paths away (as a CI build with ContinuousIntegrationBuild does), snapshots would
/// be created anew on every run and could never fail; this test fails instead.
/// </summary>
public sealed class SnapshotLocationTests
{
    [Test]
    public void TestAssembly_SourcePaths_PointIntoTheRepository()
    {
        var file = new StackTrace(fNeedFileInfo: true).GetFrame(0)?.GetFileName();
        Assert.Multiple(() =>
        {
            Assert.That(file, Is.Not.Null.And.StartsWith(RepoPaths.Root));
            Assert.That(Directory.Exists(Path.Combine(Path.GetDirectoryName(file!)!, "__snapshots__")), Is.True);
        });
    }
}
