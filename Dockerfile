# Gradient Lens for a class: one container, one Streamlit server on port 8501.
FROM python:3.11-slim

# Graphviz renders the graph downloads; Chromium renders the plot downloads (kaleido).
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz chromium fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
# The CPU build of torch: without this index pip would pull the multi-GB CUDA build.
RUN pip install --no-cache-dir --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

COPY app.py server.py ./
COPY app_pages ./app_pages
COPY viz ./viz
COPY hosting ./hosting
COPY .streamlit ./.streamlit
RUN python -m viz.ui.static_files

RUN useradd --create-home --uid 10001 lens
USER lens
ENV BROWSER_PATH=/usr/bin/chromium

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD curl --fail --silent http://127.0.0.1:8501/_stcore/health || exit 1
# server.py: the app behind its front door (headers, closed metrics page, paced messages).
# LENS_FRAME_ANCESTORS lists the pages that may embed it; LENS_HSTS_SECONDS where TLS ends here.
CMD ["streamlit", "run", "server.py", "--server.port=8501", "--server.address=0.0.0.0"]
