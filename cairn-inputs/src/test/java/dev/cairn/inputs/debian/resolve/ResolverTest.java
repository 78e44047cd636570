package dev.cairn.inputs.debian.resolve;

import static dev.cairn.inputs.debian.resolve.Fixtures.chosen;
import static dev.cairn.inputs.debian.resolve.Fixtures.index;
import static dev.cairn.inputs.debian.resolve.Fixtures.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.index.RelationField;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResolverTest {
    @Nested
    class Closure {
        @Test
        void followsPreDependsAndDependsButNotRecommendsOrSuggests() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1.0
                    Pre-Depends: loader
                    Depends: lib (>= 1)
                    Recommends: docs
                    Suggests: extras

                    Package: loader
                    Version: 1

                    Package: lib
                    Version: 2

                    Package: docs
                    Version: 1

                    Package: extras
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1.0", "lib=2", "loader=1");
        }

        @Test
        void theHighestVersionThatSatisfiesTheConstraintIsChosen() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: lib (<< 3.0)

                    Package: lib
                    Version: 1.0

                    Package: lib
                    Version: 3.0

                    Package: lib
                    Version: 2.0
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "lib=2.0");
            assertThat(chosen(resolve(index, "lib"))).containsExactly("lib=3.0");
        }

        @Test
        void aSecurityUpdateInAnotherSuiteWinsByVersionAndEqualVersionsComeFromTheFirstSuiteAdded() {
            PackageIndex.Builder builder = PackageIndex.builder();
            Fixtures.add(builder, Fixtures.BOOKWORM, """
                    Package: libc6
                    Version: 2.36-9+deb12u4

                    Package: tzdata
                    Version: 2025b-0+deb12u1
                    Architecture: all
                    """);
            Fixtures.add(builder, Fixtures.SECURITY, """
                    Package: libc6
                    Version: 2.36-9+deb12u10

                    Package: tzdata
                    Version: 2025b-0+deb12u1
                    Architecture: all
                    """);
            PackageIndex index = builder.build();

            Resolution resolution = resolve(index, "libc6", "tzdata");

            assertThat(index.named("tzdata")).hasSize(2); // both records are kept
            assertThat(chosen(resolution)).containsExactly("libc6=2.36-9+deb12u10", "tzdata=2025b-0+deb12u1");
            assertThat(resolution.find("libc6").orElseThrow().binary().origin()).isEqualTo(Fixtures.SECURITY);
            assertThat(resolution.find("tzdata").orElseThrow().binary().origin()).isEqualTo(Fixtures.BOOKWORM);
        }

        @Test
        void everyDependencyIsAnEdgeEvenWhenAlreadySatisfied() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: libc6, libfoo

                    Package: libfoo
                    Version: 1
                    Depends: libc6 (>= 2.36)

                    Package: libc6
                    Version: 2.36-9
                    """);

            Resolution resolution = resolve(index, "app");

            assertThat(resolution.edges()).extracting(Edge::toString).containsExactly(
                    "app Depends libc6", "app Depends libfoo", "libfoo Depends libc6 (>= 2.36)");
        }
    }

    @Nested
    class Requests {
        private final PackageIndex index = index("""
                Package: tool
                Version: 1.0

                Package: tool
                Version: 2.0
                """);

        @Test
        void aRequestedVersionIsChosenEvenWhenNotTheNewest() {
            assertThat(chosen(resolve(index, "tool=1.0"))).containsExactly("tool=1.0");
        }

        @Test
        void aRequestedVersionThatDoesNotExistListsTheAvailableOnes() {
            assertThatThrownBy(() -> resolve(index, "tool=9"))
                    .isInstanceOf(InputsException.class)
                    .hasMessage("tool=9: no version of tool satisfies = 9; available: 1.0, 2.0");
        }

        @Test
        void anUnknownPackageIsNamed() {
            assertThatThrownBy(() -> resolve(index, "toll"))
                    .hasMessage("toll: no package is named toll or provides it");
        }

        @Test
        void malformedRequestsAreRefused() {
            for (String bad : List.of("tool=", "=1.0", "two words", "Tool!", "tool=1.0_1")) {
                assertThatThrownBy(() -> Request.parse(bad)).as(bad).isInstanceOf(InputsException.class);
            }
            assertThat(Request.parse("libcrypt1:amd64=1:4.4.33-2"))
                    .satisfies(request -> {
                        assertThat(request.name()).isEqualTo("libcrypt1");
                        assertThat(request.architecture()).contains("amd64");
                        assertThat(request.version()).map(Object::toString).contains("1:4.4.33-2");
                    })
                    .hasToString("libcrypt1:amd64=1:4.4.33-2");
        }
    }

    @Nested
    class Unsatisfiable {
        @Test
        void aMissingVersionNamesTheWholeChainAndWhatIsAvailable() {
            PackageIndex index = index("""
                    Package: a
                    Version: 1
                    Depends: b (>= 2)

                    Package: b
                    Version: 2.5
                    Depends: c (>= 3)

                    Package: c
                    Version: 2.2

                    Package: c
                    Version: 2.1
                    """);

            assertThatThrownBy(() -> resolve(index, "a"))
                    .isInstanceOf(InputsException.class)
                    .hasMessage("a → b (>= 2) → c: no version of c satisfies >= 3; available: 2.1, 2.2")
                    .satisfies(e -> assertThat(((InputsException) e).hint()).contains("name=version"));
        }

        @Test
        void alternativesThatAllFailAreEachExplained() {
            PackageIndex index = index("""
                    Package: a
                    Version: 1
                    Depends: b (>= 2) | c

                    Package: b
                    Version: 1
                    """);

            assertThatThrownBy(() -> resolve(index, "a")).hasMessage("a → b (>= 2) | c: no possibility can be"
                    + " installed: b (>= 2) (no version of b satisfies >= 2; available: 1); c (no package is named c"
                    + " or provides it)");
        }

        @Test
        void aVersionPinnedByAnEarlierChoiceIsNamedWithItsChain() {
            PackageIndex index = index("""
                    Package: a
                    Version: 1
                    Depends: lib (>= 2)

                    Package: lib
                    Version: 1

                    Package: lib
                    Version: 2
                    """);

            assertThatThrownBy(() -> resolve(index, "a", "lib=1"))
                    .hasMessage("a → lib: lib 1 is already chosen (lib=1), and 2 would replace it");
        }
    }

    @Nested
    class Alternatives {
        @Test
        void theFirstPossibilityThatCanBeInstalledIsTakenAndTheChoiceRecorded() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: gone | lib (>= 2) | there | also-there

                    Package: lib
                    Version: 1

                    Package: there
                    Version: 1

                    Package: also-there
                    Version: 1
                    """);

            Resolution resolution = resolve(index, "app");

            assertThat(chosen(resolution)).containsExactly("app=1", "there=1");
            assertThat(resolution.decisions()).singleElement().hasToString(
                    "app Depends gone | lib (>= 2) | there | also-there: there:amd64 (the first possibility that can"
                            + " be installed; passed over gone (no package is named gone or provides it); lib (>= 2)"
                            + " (no version of lib satisfies >= 2; available: 1))");
        }

        @Test
        void aPossibilityAlreadyChosenWinsOverAnEarlierOne() {
            // helper comes first and pulls in y; then "x | y" is already satisfied
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: helper, x | y

                    Package: helper
                    Version: 1
                    Depends: y

                    Package: x
                    Version: 1

                    Package: y
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "helper=1", "y=1");
        }

        @Test
        void aSubtreeIsCompleteBeforeTheNextEntryAsApt() {
            // Depth first: first's dependencies (which provide "virtual") are chosen before
            // app's second entry is looked at, so the real package "virtual" is never needed.
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: first, virtual

                    Package: first
                    Version: 1
                    Depends: deep

                    Package: deep
                    Version: 1
                    Provides: virtual

                    Package: virtual
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "deep=1", "first=1");
        }
    }

    @Nested
    class VirtualPackages {
        @Test
        void aRealPackageOfTheNameIsPreferredToProviders() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: editor

                    Package: vim
                    Version: 9
                    Provides: editor

                    Package: editor
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "editor=1");
        }

        @Test
        void amongSeveralProvidersTheRuleChoosesAndTheChoiceIsRecorded() {
            String providers = """
                    Package: app
                    Version: 1
                    Depends: mta

                    Package: zz-mail
                    Version: 1
                    Provides: mta
                    Priority: optional

                    Package: big-mail
                    Version: 1
                    Provides: mta
                    Priority: important

                    Package: aa-mail
                    Version: 1
                    Provides: mta
                    Priority: optional
                    """;

            Resolution byPriority = resolve(index(providers), "app");
            Resolution byName = resolve(index(providers.replace("Priority: important", "Priority: optional")), "app");
            Resolution byEssential = resolve(index(providers + "Essential: yes\n"), "app");

            assertThat(chosen(byPriority)).containsExactly("app=1", "big-mail=1");
            assertThat(byPriority.decisions()).singleElement().hasToString("app Depends mta: big-mail:amd64 (mta is"
                    + " provided by big-mail, aa-mail, zz-mail; preferred Essential, then amd64, then higher Priority,"
                    + " then the smallest name)");
            assertThat(chosen(byName)).containsExactly("aa-mail=1", "app=1");
            assertThat(chosen(byEssential)).containsExactly("aa-mail=1", "app=1");
            assertThat(resolve(index(providers.replace("Package: aa-mail", "Package: cc-mail") + "Essential: yes\n"),
                    "app").packages()).extracting(binary -> binary.name()).containsExactly("app", "cc-mail");
        }

        @Test
        void aProviderAlreadyChosenSatisfiesTheVirtualName() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: zz-mail, mta

                    Package: zz-mail
                    Version: 1
                    Provides: mta

                    Package: aa-mail
                    Version: 1
                    Provides: mta
                    """);

            Resolution resolution = resolve(index, "app");

            assertThat(chosen(resolution)).containsExactly("app=1", "zz-mail=1");
            assertThat(resolution.decisions()).isEmpty();
        }

        @Test
        void onlyAVersionedProvidesSatisfiesAVersionedDependency() {
            String jres = """
                    Package: app
                    Version: 1
                    Depends: jre (>= 17)

                    Package: old-jre
                    Version: 21
                    Provides: jre
                    """;

            assertThatThrownBy(() -> resolve(index(jres), "app"))
                    .hasMessage("app → jre: no version of jre satisfies >= 17; old-jre provides jre");

            Resolution resolution = resolve(index(jres + """

                    Package: new-jre
                    Version: 17.0.9
                    Provides: jre (= 17.0.9), java-runtime
                    """), "app");

            assertThat(chosen(resolution)).containsExactly("app=1", "new-jre=17.0.9");
            assertThat(resolution.explain("new-jre")).isEqualTo("app → jre (>= 17) (provided by new-jre)");
        }

        @Test
        void aRequestForAVirtualPackageIsRefusedWhenSeveralProvideIt() {
            PackageIndex index = index("""
                    Package: mawk
                    Version: 1
                    Provides: awk
                    Priority: required

                    Package: gawk
                    Version: 1
                    Provides: awk
                    """);

            assertThatThrownBy(() -> resolve(index, "awk"))
                    .hasMessage("awk is a virtual package provided by mawk, gawk")
                    .satisfies(e -> assertThat(((InputsException) e).hint()).isEqualTo("ask for one of them by name"));
            assertThat(chosen(resolve(index("""
                    Package: mawk
                    Version: 1
                    Provides: awk
                    """), "awk"))).containsExactly("mawk=1");
        }
    }

    @Nested
    class Conflicts {
        @Test
        void conflictingChoicesFailNamingBothChains() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: one, two

                    Package: one
                    Version: 1
                    Depends: lib-a

                    Package: two
                    Version: 1
                    Depends: lib-b

                    Package: lib-a
                    Version: 1

                    Package: lib-b
                    Version: 1
                    Conflicts: lib-a
                    """);

            assertThatThrownBy(() -> resolve(index, "app"))
                    .isInstanceOf(InputsException.class)
                    .hasMessage("app → two → lib-b: lib-b 1 has Conflicts: lib-a, and lib-a 1 is chosen (app → one →"
                            + " lib-a)");
        }

        @Test
        void breaksCountsLikeConflictsWhateverSideDeclaresIt() {
            String packages = """
                    Package: app
                    Version: 1
                    Depends: one, two

                    Package: one
                    Version: 1
                    Breaks: two (<< 2)

                    Package: two
                    Version: %s
                    """;

            assertThatThrownBy(() -> resolve(index(packages.formatted("1")), "app"))
                    .hasMessage("app → two: one 1 (app → one) has Breaks: two (<< 2)");
            assertThat(chosen(resolve(index(packages.formatted("2")), "app")))
                    .containsExactly("app=1", "one=1", "two=2");
        }

        @Test
        void aConflictSteersTheChoiceToTheNextPossibilityOrAnOlderVersion() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: lib-a, lib-b | lib-c, tool

                    Package: lib-a
                    Version: 1

                    Package: lib-b
                    Version: 1
                    Conflicts: lib-a

                    Package: lib-c
                    Version: 1

                    Package: tool
                    Version: 2
                    Breaks: lib-a

                    Package: tool
                    Version: 1
                    """);

            Resolution resolution = resolve(index, "app");

            assertThat(chosen(resolution)).containsExactly("app=1", "lib-a=1", "lib-c=1", "tool=1");
            assertThat(resolution.decisions()).extracting(Decision::answer).containsExactly("lib-c:amd64", "tool:amd64 1");
            assertThat(resolution.decisions().get(1).because()).isEqualTo("the newest version that can be installed;"
                    + " passed over tool 2 has Breaks: lib-a, and lib-a 1 is chosen (app → lib-a)");
        }

        @Test
        void aPackageThatProvidesAndConflictsWithTheSameNameDoesNotConflictWithItself() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: mail-transport-agent

                    Package: exim4
                    Version: 4.96
                    Provides: mail-transport-agent
                    Conflicts: mail-transport-agent
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "exim4=4.96");
        }

        @Test
        void aConflictWithAProvidedNameHitsTheProvider() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: exim4, postfix

                    Package: exim4
                    Version: 4.96
                    Provides: mail-transport-agent
                    Conflicts: mail-transport-agent

                    Package: postfix
                    Version: 3.7
                    Provides: mail-transport-agent
                    Conflicts: mail-transport-agent
                    """);

            assertThatThrownBy(() -> resolve(index, "app")).hasMessage("app → postfix: postfix 3.7 has Conflicts:"
                    + " mail-transport-agent, and exim4 4.96 is chosen (app → exim4)");
        }
    }

    @Nested
    class Architectures {
        @Test
        void anyIsSatisfiedByMultiArchAllowedAndAllCountsAsTheTarget() {
            PackageIndex index = index("""
                    Package: tool
                    Version: 1
                    Depends: python3:any, data

                    Package: python3
                    Version: 3.11
                    Multi-Arch: allowed

                    Package: data
                    Version: 1
                    Architecture: all
                    Depends: libfoo

                    Package: libfoo
                    Version: 1
                    Architecture: i386

                    Package: libfoo
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "tool"))).containsExactly("data=1", "libfoo=1", "python3=3.11", "tool=1");
        }

        @Test
        void anyIsNotSatisfiedWithoutMultiArchAllowed() {
            PackageIndex index = index("""
                    Package: tool
                    Version: 1
                    Depends: perl:any

                    Package: perl
                    Version: 5.36
                    """);

            assertThatThrownBy(() -> resolve(index, "tool")).hasMessage("tool → perl: nothing satisfies perl:any for"
                    + " amd64 (:any needs a package of Multi-Arch: allowed); perl exists for amd64");
        }

        @Test
        void aForeignArchitectureSatisfiesOnlyThroughMultiArchForeign() {
            String helper = """
                    Package: app
                    Version: 1
                    Depends: helper

                    Package: helper
                    Version: 1
                    Architecture: i386
                    """;

            assertThatThrownBy(() -> resolve(index(helper), "app"))
                    .hasMessage("app → helper: nothing satisfies helper for amd64; helper exists for i386");
            assertThat(chosen(resolve(index(helper + "Multi-Arch: foreign\n"), "app")))
                    .containsExactly("app=1", "helper:i386=1");
        }

        @Test
        void aForeignRequestResolvesItsDependenciesInItsOwnArchitecture() {
            PackageIndex index = index("""
                    Package: libfoo
                    Version: 1
                    Architecture: i386
                    Multi-Arch: same
                    Depends: libc6

                    Package: libc6
                    Version: 2.36
                    Multi-Arch: same

                    Package: libc6
                    Version: 2.36
                    Architecture: i386
                    Multi-Arch: same
                    """);

            assertThat(chosen(resolve(index, "libfoo:i386", "libc6"))).containsExactly("libc6=2.36", "libc6:i386=2.36",
                    "libfoo:i386=1");
            assertThat(chosen(resolve(index("""
                    Package: cross
                    Version: 1
                    Depends: gcc:armhf

                    Package: gcc
                    Version: 12
                    Architecture: armhf
                    """), "cross"))).containsExactly("cross=1", "gcc:armhf=12");
        }

        @Test
        void aPackageOfTwoArchitecturesMustBeMultiArchSame() {
            PackageIndex index = index("""
                    Package: tool
                    Version: 1

                    Package: tool
                    Version: 1
                    Architecture: i386
                    """);

            assertThatThrownBy(() -> resolve(index, "tool", "tool:i386")).hasMessage("tool:i386: tool:amd64 1 is"
                    + " already chosen (tool), and only Multi-Arch: same packages are installed for two architectures");
        }

        @Test
        void architectureRestrictionsDropPossibilitiesForOtherArchitectures() {
            PackageIndex index = index("""
                    Package: app
                    Version: 1
                    Depends: win-only [i386], here [amd64 arm64], not-arm [!arm64], either [i386] | fallback

                    Package: here
                    Version: 1

                    Package: not-arm
                    Version: 1

                    Package: fallback
                    Version: 1
                    """);

            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "fallback=1", "here=1", "not-arm=1");
        }
    }

    @Nested
    class Essential {
        private final PackageIndex index = index("""
                Package: app
                Version: 1
                Depends: libc6

                Package: libc6
                Version: 2.36

                Package: bash
                Version: 5.2
                Essential: yes
                Depends: base-files

                Package: base-files
                Version: 12.4
                Essential: yes

                Package: dash
                Version: 0.5
                Architecture: i386
                Essential: yes
                """);

        @Test
        void essentialPackagesAreNotAddedUnlessAsked() {
            assertThat(chosen(resolve(index, "app"))).containsExactly("app=1", "libc6=2.36");
        }

        @Test
        void theEssentialSetOfTheTargetArchitectureIsAddedOnRequest() {
            Resolution resolution = Resolver.resolve(List.of(Request.parse("app")), index,
                    ResolveOptions.forArchitecture("amd64").withEssential());

            assertThat(chosen(resolution)).containsExactly("app=1", "base-files=12.4", "bash=5.2", "libc6=2.36");
            assertThat(resolution.find("bash").orElseThrow().cause()).isInstanceOf(Selection.Essential.class);
            assertThat(resolution.explain("bash")).isEqualTo("bash (Essential)");
            assertThat(resolution.explain("base-files")).isEqualTo("base-files (Essential)");
        }
    }

    @Nested
    class Explanations {
        private final PackageIndex index = index("""
                Package: a
                Version: 1
                Pre-Depends: b (>= 2)

                Package: b
                Version: 2
                Depends: c

                Package: c
                Version: 1
                """);

        @Test
        void whyGivesTheChainFromTheRequest() {
            Resolution resolution = resolve(index, "a");

            assertThat(resolution.why("c")).extracting(edge -> edge.from().name(), Edge::field,
                            edge -> edge.to().name())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a", RelationField.PRE_DEPENDS, "b"),
                            org.assertj.core.groups.Tuple.tuple("b", RelationField.DEPENDS, "c"));
            assertThat(resolution.explain("c")).isEqualTo("a → b (>= 2) → c");
            assertThat(resolution.why("a")).isEmpty();
            assertThat(resolution.explain("a")).isEqualTo("a");
            assertThat(resolution.find("c:amd64")).isPresent();
            assertThatThrownBy(() -> resolution.why("d")).isInstanceOf(InputsException.class)
                    .hasMessage("d is not in the resolution");
        }

        @Test
        void theSameInputGivesTheSameResolutionWhateverTheRequestOrder() {
            PackageIndex big = index("""
                    Package: a
                    Version: 1
                    Depends: x | y, mta

                    Package: b
                    Version: 1
                    Depends: y | x, mta

                    Package: x
                    Version: 1

                    Package: y
                    Version: 1

                    Package: m1
                    Version: 1
                    Provides: mta

                    Package: m2
                    Version: 1
                    Provides: mta
                    """);

            Resolution once = resolve(big, "a", "b");
            Resolution again = resolve(big, "a", "b");
            Resolution reordered = resolve(big, "b", "a", "a");

            assertThat(again).isEqualTo(once);
            assertThat(reordered).isEqualTo(once);
            assertThat(chosen(once)).containsExactly("a=1", "b=1", "m1=1", "x=1");
        }
    }
}
