{{- define "monzie.labels" -}}
app.kubernetes.io/part-of: monzie
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "monzie.selector" -}}
app.kubernetes.io/name: {{ .name }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "monzie.fullname" -}}
{{ .root.Release.Name }}-{{ .name }}
{{- end }}

{{- /* The response headers the edge sets (values responseHeaders); HSTS only where TLS is on. */ -}}
{{- define "monzie.responseHeaders" -}}
{{- $headers := deepCopy .Values.responseHeaders }}
{{- if not .Values.ingress.tls.enabled }}
{{- $_ := unset $headers "Strict-Transport-Security" }}
{{- end }}
{{- toYaml $headers }}
{{- end }}
