package dev.cairn.inputs.debian.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationsTest {
    @Test
    void entriesAlternativesQualifiersVersionsRestrictionsAndProfiles() {
        Relations relations = Relations.parse("libc6 (>= 2.34), default-mta | mail-transport-agent,"
                + " python3:any, gcc:native (<< 13), foo [amd64 arm64] <!nocheck> <stage1 cross>",
                RelationField.DEPENDS);

        assertThat(relations.entries()).hasSize(5);
        Relation libc = relations.entries().get(0).options().get(0);
        assertThat(libc.name()).isEqualTo("libc6");
        assertThat(libc.version()).contains(new VersionConstraint(RelationOperator.LATER_OR_EQUAL,
                DebianVersion.parse("2.34")));
        assertThat(relations.entries().get(1).options()).extracting(Relation::name)
                .containsExactly("default-mta", "mail-transport-agent");
        assertThat(relations.entries().get(2).options().get(0).isAnyArchitecture()).isTrue();
        Relation gcc = relations.entries().get(3).options().get(0);
        assertThat(gcc.qualifier()).contains("native");
        assertThat(gcc.version().orElseThrow().operator()).isEqualTo(RelationOperator.EARLIER);
        Relation foo = relations.entries().get(4).options().get(0);
        assertThat(foo.architectures()).containsExactly("amd64", "arm64");
        assertThat(foo.profiles()).containsExactly(List.of("!nocheck"), List.of("stage1", "cross"));
        assertThat(relations).hasToString("libc6 (>= 2.34), default-mta | mail-transport-agent, python3:any,"
                + " gcc:native (<< 13), foo [amd64 arm64] <!nocheck> <stage1 cross>");
        assertThat(relations.all()).hasSize(6);
    }

    @Test
    void spacingAndLineBreaksDoNotMatter() {
        Relations tight = Relations.parse("a(>=1.0),b|c", RelationField.DEPENDS);
        Relations loose = Relations.parse("a ( >= 1.0 ) ,\n b\t|  c ", RelationField.DEPENDS);

        assertThat(loose).isEqualTo(tight).hasToString("a (>= 1.0), b | c");
        assertThat(Relations.parse("  ", RelationField.DEPENDS).isEmpty()).isTrue();
    }

    @Test
    void theObsoleteOperatorsMeanOrEqual() {
        assertThat(Relation.parse("a (< 2)", RelationField.DEPENDS).version().orElseThrow().operator())
                .isEqualTo(RelationOperator.EARLIER_OR_EQUAL);
        assertThat(Relation.parse("a (> 2)", RelationField.DEPENDS)).hasToString("a (>= 2)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<< 2|1.9|true", "<< 2|2|false",
        "<= 2|2|true", "<= 2|2.0.1|false",
        "= 2|2-0|true", "= 2|2.0|false", "= 2|2-1|false",
        ">= 2|2~rc1|false", ">= 2|2|true",
        ">> 2|2|false", ">> 2|2+b1|true",
    })
    void constraintsUseDebianOrder(String constraint, String version, boolean satisfied) {
        VersionConstraint parsed = Relation.parse("a (" + constraint + ")", RelationField.DEPENDS).version()
                .orElseThrow();

        assertThat(parsed.satisfiedBy(DebianVersion.parse(version))).isEqualTo(satisfied);
    }

    @Test
    void providesMayCarryOnlyAnExactVersion() {
        Relations provides = Relations.parse("jre (= 17.0.9), java-runtime", RelationField.PROVIDES);

        assertThat(provides.all()).extracting(Relation::name).containsExactly("jre", "java-runtime");
        assertThatThrownBy(() -> Relations.parse("jre (>= 17)", RelationField.PROVIDES))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("a Provides may only carry an exact version (=), not >=");
    }

    @Test
    void onlyDependencyFieldsTakeAlternatives() {
        assertThatThrownBy(() -> Relations.parse("a | b", RelationField.CONFLICTS))
                .hasMessage("Conflicts: 'a | b': alternatives ('|') are not allowed in Conflicts");
    }

    @Test
    void architectureRestrictionsKnowNegationAndLinuxWildcards() {
        assertThat(Relation.parse("a [amd64]", RelationField.DEPENDS).appliesTo("amd64")).isTrue();
        assertThat(Relation.parse("a [i386 arm64]", RelationField.DEPENDS).appliesTo("amd64")).isFalse();
        assertThat(Relation.parse("a [!amd64]", RelationField.DEPENDS).appliesTo("amd64")).isFalse();
        assertThat(Relation.parse("a [!i386]", RelationField.DEPENDS).appliesTo("amd64")).isTrue();
        assertThat(Relation.parse("a [linux-any]", RelationField.DEPENDS).appliesTo("arm64")).isTrue();
        assertThat(Relation.parse("a [any-amd64]", RelationField.DEPENDS).appliesTo("amd64")).isTrue();
        assertThat(Relation.parse("a", RelationField.DEPENDS).appliesTo("s390x")).isTrue();
        assertThat(new Alternatives(List.of(Relation.parse("a [i386]", RelationField.DEPENDS),
                Relation.on("b", Optional.empty()))).applicableTo("amd64")).extracting(Relation::name)
                .containsExactly("b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "a,,b#an empty entry",
        "a,#an empty entry",
        "a | #an empty entry",
        "a (>= )#has no version after the operator",
        "a (1.0)#has no operator",
        "a (>= 1#'(' is not closed by ')'",
        "a (>= 1.0_1)#'_' is not allowed",
        "a [amd64 !i386]#mixes negated and plain architectures",
        "a []#an empty architecture list",
        "a:#is not an architecture qualifier",
        "Foo!#is not a package name",
        "a b#unexpected 'b'",
    })
    void malformedRelationsAreRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> Relations.parse(text, RelationField.DEPENDS))
                .isInstanceOf(InputsException.class)
                .hasMessageStartingWith("Depends: '")
                .hasMessageContaining(reason);
    }
}
