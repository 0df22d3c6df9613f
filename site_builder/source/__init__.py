"""Reading what people edit: `site.yaml`, `authors.yaml`, `topics.yaml`, the paper files and the
lab's pages, every problem with `file:line`."""
