namespace OligoDecide.Tests;

public class SmokeTests
{
    [Test]
    public void Builds() => Assert.That(typeof(OligoDecide.Model.Placeholder).Assembly.GetName().Name, Is.EqualTo("OligoDecide"));
}
