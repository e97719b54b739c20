// The spec became com.acme.Xor under target/generated-sources/nncompile, javac compiled it, and the test that
// trains it passed.
def generated = new File(basedir, 'target/generated-sources/nncompile/com/acme/Xor.java')
assert generated.isFile() : "missing $generated"
assert generated.text.contains('package com.acme;')
assert generated.text.contains('public final class Xor')
assert new File(basedir, 'target/classes/com/acme/Xor.class').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('nncompile: generated com.acme.Xor')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'XorTest did not run or did not pass'
assert !log.contains('[WARNING] Parameter') : 'the plugin configuration produced a warning'

def manifest = new File(basedir, 'target/maven-status/nncompile/generate/default/manifest')
assert manifest.isFile() : 'no staleness manifest'
assert manifest.text.contains('spec sha256:')
assert manifest.text.contains(' com/acme/Xor.nn')
assert manifest.text.contains(' com/acme/Xor.java')

// nncompile:explain wrote the derivation of the model, in Markdown and in HTML
def reports = new File(basedir, 'target/nncompile-reports/Xor')
def markdown = new File(reports, 'derivation.md')
def html = new File(reports, 'derivation.html')
assert markdown.isFile() && html.isFile() : "no derivation reports in $reports"
assert markdown.text.contains('Xor')
assert html.text.contains('<math')
assert !new File(basedir, 'target/generated-sources/nncompile/com/acme/Xor.md').exists()
true
