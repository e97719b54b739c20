// Main specs went to generated-sources (one class per spec, packages from folders, statement or configuration),
// the test spec to generated-test-sources, and each root was compiled into the right classes folder.
def main = new File(basedir, 'target/generated-sources/nncompile')
def test = new File(basedir, 'target/generated-test-sources/nncompile')
['com/acme/vision/Digits.java', 'org/example/pricing/Pricing.java', 'com/acme/extra/Extra.java'].each {
    assert new File(main, it).isFile() : "missing generated $it"
}
assert new File(test, 'com/acme/testing/Tiny.java').isFile()
assert !new File(main, 'com/acme/testing').exists() : 'a test model leaked into the main sources'
assert !new File(main, 'com/acme/tabular').exists() : 'the package statement did not win over the folders'
assert !new File(main, 'ignored').exists() : '<packageName> did not win over the package statement'

assert new File(basedir, 'target/classes/com/acme/vision/Digits.class').isFile()
assert new File(basedir, 'target/test-classes/com/acme/testing/Tiny.class').isFile()
assert !new File(basedir, 'target/classes/com/acme/testing/Tiny.class').exists()

// one manifest per goal and execution, so the two generate executions never delete each other's classes
['generate/default', 'generate/extra', 'generate-test/default'].each {
    assert new File(basedir, "target/maven-status/nncompile/$it/manifest").isFile() : "no manifest for $it"
}
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
true
