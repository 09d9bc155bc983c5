namespace OligoDecide.Tests;

public class SmokeTests
{
    [Test]
    public void Library_Loads() => Assert.That(typeof(OligoDecide.Classification.OligometastaticClassifier).Assembly.GetName().Name, Is.EqualTo("OligoDecide"));
}
