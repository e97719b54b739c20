// The build failed with the diagnostic in GNU form, absolute path first, then the source line and the caret line,
// and nothing was generated (not even for the valid spec), nor a manifest promoted.
def lines = new File(basedir, 'build.log').readLines()
def spec = new File(basedir, 'src/main/nn/com/acme/Bad.nn')
def gnu = ~/^\[ERROR\] (\/\S*\/src\/main\/nn\/com\/acme\/Bad\.nn):4:13: error\[NN\d{3}\]: .*/
def header = lines.findIndexOf { it ==~ gnu }
assert header >= 0 : "no '/abs/path/Bad.nn:4:13: error[NNxxx]: …' line in build.log"
def shownPath = (lines[header] =~ gnu)[0][1]
assert new File(shownPath).canonicalPath == spec.canonicalPath : "$shownPath is not the spec's absolute path"
assert lines[header].contains("'rleu'")
assert lines[header + 1].contains('dense 4 rleu') : "source line missing: ${lines[header + 1]}"
def caret = lines[header + 2]
assert caret.matches(/ *\| {13}\^{4}/) : "caret line wrong: '$caret'"
assert lines.any { it.contains('1 error in model specs') }
assert lines.any { it.contains('BUILD FAILURE') }

assert !new File(basedir, 'target/generated-sources/nncompile/com/acme/Good.java').exists()
assert !new File(basedir, 'target/maven-status/nncompile/generate/default/manifest').exists()
true
