// What `helm template` does for a chart without dependencies, with Go's own text/template and
// sprig (Helm's template engine and function library), for tests where Helm itself is not
// installed: load Chart.yaml and values.yaml, execute every templates/*.yaml (in name order,
// files starting with _ left out) with .Values, .Release and .Chart, and print the documents.
//
// Usage: helm-template CHART_DIR RELEASE_NAME NAMESPACE
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 4 {
		fail("usage: helm-template CHART_DIR RELEASE_NAME NAMESPACE")
	}
	dir, release, namespace := os.Args[1], os.Args[2], os.Args[3]

	var metadata map[string]interface{}
	load(filepath.Join(dir, "Chart.yaml"), &metadata)
	if metadata["apiVersion"] != "v1" {
		fail(fmt.Sprintf("Chart.yaml: apiVersion %v, not v1 (a Helm v2 chart)", metadata["apiVersion"]))
	}
	values := map[string]interface{}{}
	load(filepath.Join(dir, "values.yaml"), &values)

	data := map[string]interface{}{
		"Values": values,
		"Release": map[string]interface{}{
			"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		// Helm hands the chart's metadata with Go's field names: .Chart.Name, .Chart.Version, …
		"Chart": map[string]interface{}{
			"Name": metadata["name"], "Version": metadata["version"], "AppVersion": metadata["appVersion"],
			"Description": metadata["description"], "ApiVersion": metadata["apiVersion"],
		},
	}

	files, err := filepath.Glob(filepath.Join(dir, "templates", "*.yaml"))
	if err != nil {
		fail(err.Error())
	}
	sort.Strings(files)
	var out bytes.Buffer
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "_") {
			continue
		}
		text, err := os.ReadFile(file)
		if err != nil {
			fail(err.Error())
		}
		name := filepath.Base(file)
		tmpl, err := template.New(name).Funcs(sprig.TxtFuncMap()).Option("missingkey=zero").Parse(string(text))
		if err != nil {
			fail(fmt.Sprintf("%s: %v", file, err))
		}
		var rendered bytes.Buffer
		if err := tmpl.Execute(&rendered, data); err != nil {
			fail(fmt.Sprintf("%s: %v", file, err))
		}
		fmt.Fprintf(&out, "---\n# Source: %v/templates/%s\n%s", metadata["name"], name, rendered.String())
	}
	os.Stdout.Write(out.Bytes())
}

func load(file string, into interface{}) {
	text, err := os.ReadFile(file)
	if err != nil {
		fail(err.Error())
	}
	if err := yaml.Unmarshal(text, into); err != nil {
		fail(fmt.Sprintf("%s: %v", file, err))
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "helm-template: "+message)
	os.Exit(2)
}
