package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void scopesReadTheSameWhateverOrderTheRegistryListedThemIn() {
        Scope one = Scope.parse("repository:b:push,pull repository:a:pull");
        Scope other = Scope.parse("repository:a:pull  repository:b:pull,push");
        assertThat(one).isEqualTo(other);
        assertThat(one).hasToString("repository:a:pull repository:b:pull,push");
        assertThat(one.parameters()).containsExactly("repository:a:pull", "repository:b:pull,push");
    }

    @Test
    void aMountNeedsPushOnTheTargetAndPullOnTheSource() {
        Repository target = new Repository("127.0.0.1:5000", "team/target");
        Scope mount = Scope.push(target).and(Scope.pull(target.sibling("team/source")));
        assertThat(mount).hasToString("repository:team/source:pull repository:team/target:pull,push");
    }

    @Test
    void actionsOfTheSameResourceMerge() {
        Repository repository = new Repository("127.0.0.1:5000", "app");
        assertThat(Scope.pull(repository).and(Scope.push(repository))).isEqualTo(Scope.push(repository));
    }

    @Test
    void aResourceTypeWithAClassKeepsItsColonsApartFromTheActions() {
        assertThat(Scope.parse("repository(plugin):vendor/x:pull").parameters()).containsExactly("repository(plugin):vendor/x:pull");
        assertThat(Scope.parse("registry:catalog:*").parameters()).containsExactly("registry:catalog:*");
    }
}
