# The project's verbs. Each is a thin call to a script in scripts/. `make` alone lists them (`make help`):
# the text after `##` on a target's line is its help.
.PHONY: help run run-scaled test shell bench bench-scaled train validate requests purge-conversations setup \
        staff-user content-changes
.DEFAULT_GOAL := help

help:       ## list these verbs
	@grep -E '^[a-z-]+: *##' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+): *## */\1\t/' | \
	  awk -F'\t' '{ printf "  make %-20s %s\n", $$1, $$2 }'

setup:      ## create the Python 3.10 virtualenv and install the widget's socket.io client (idempotent)
	@bash scripts/env.sh && bash scripts/widget_deps.sh

run:        ## train if needed, start action server + Rasa (+ widget), Ctrl-C stops all
	@bash scripts/run.sh

run-scaled: ## PostgreSQL + Redis + action server + REPLICAS (2) Rasa replicas behind nginx; Ctrl-C stops all
	@REPLICAS=$(or $(REPLICAS),2) bash scripts/run_scaled.sh

test:       ## lint, format and type checks, validate, unit tests, training, dialogue and live tests (scaled setup too)
	@bash scripts/test.sh

shell:      ## staff: chat in the terminal and see intent, confidence, risk flag and actions per turn; "delete my chat" deletes it
	@bash scripts/shell.sh

bench:      ## latency, cold start, training time and memory: this config vs Rasa's default, and without the dialogue layer
	@bash scripts/bench.sh

bench-scaled: ## turns per second and p95 at 50 concurrent users: 1 replica vs 2, behind nginx
	@bash -c 'source scripts/common.sh && python scripts/bench_scaled.py $(ARGS)'

train:      ## train only if data, domain or config changed
	@bash scripts/train.sh

validate:   ## check the domain and training data (rasa data validate, warnings count as errors)
	@bash -c 'source scripts/common.sh && rasa data validate --domain domain --data data --fail-on-warnings'

requests:   ## staff: contact requests. make requests ARGS="list | show ID | handle ID | purge [--days N]"
	@bash -c 'source scripts/common.sh && python scripts/contact_requests.py $(or $(ARGS),list)'

purge-conversations: ## delete conversations older than HARMBOT_CONVERSATION_RETENTION_DAYS (30); ARGS="--days N"
	@bash -c 'source scripts/common.sh && python scripts/purge_conversations.py $(ARGS)'

staff-user: ## staff console: create an account (or reset its password), e.g. make staff-user NAME=alex
	@bash -c 'source scripts/common.sh && python -m staff add-user "$(or $(NAME),$(word 2,$(MAKECMDGOALS)))"'

content-changes: ## what user-facing text changed since the last content sign-off (docs/content-signoff.yml)
	@bash -c 'source scripts/common.sh && python scripts/content_changes.py'

# `make staff-user alex` works too: the name given as a second goal is not a target.
ifeq (staff-user,$(firstword $(MAKECMDGOALS)))
$(word 2,$(MAKECMDGOALS)):
	@:
endif
