// All four modules generated and compiled their models under a two-thread build, and Maven did not warn that the
// plugin is not thread-safe.
['a', 'b', 'c'].each { m ->
    (1..3).each { i ->
        def name = "Net${m.toUpperCase()}${i}"
        assert new File(basedir, "model-$m/target/generated-sources/nncompile/com/acme/$m/${name}.java").isFile()
        assert new File(basedir, "model-$m/target/classes/com/acme/$m/${name}.class").isFile()
    }
}
assert new File(basedir, 'app/target/classes/com/acme/app/Ensemble.class').isFile()
assert new File(basedir, 'app/target/classes/com/acme/app/Catalogue.class').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('thread count of 2') : 'the build did not run with -T 2'
assert !log.contains('not marked as @threadSafe') && !log.contains('not thread-safe')
assert log.count('nncompile: 3 specs in src/main/nn: 3 compiled') == 3
assert log.contains('BUILD SUCCESS')
true
