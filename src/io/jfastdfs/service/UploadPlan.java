package io.jfastdfs.service;

import io.jfastdfs.config.Config;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.store.FileNames;
import io.jfastdfs.store.PathLayout;
import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.util.List;

/**
 * A validated upload request (API.md §2.1 checks 6–8, §3.5 names): the scene, the custom directory
 * (null = dated layout), the cleaned original name and the requested stored name ("" = none).
 */
public record UploadPlan(String scene, String customDir, String name, String rename, String expectedMd5,
                         boolean tus, List<String> aliases) {

    static UploadPlan of(Config cfg, UploadRequest req) {
        String scene = req.scene().isEmpty() ? cfg.defaultScene() : req.scene();
        if (!cfg.scenes().isEmpty() && !cfg.scenes().containsKey(scene)) throw ApiError.fail(400, "not valid scene");
        String name;
        String rename = "";
        try {
            if (req.tus()) {
                // §3.5 steps 1 and 3: a directory part is dropped, traversal refused
                name = FileNames.safe(SafePath.clientFileName(req.clientName()));
            } else {
                name = FileNames.clean(SafePath.clientFileName(req.clientName()), cfg.trimSpecialChars());
            }
        } catch (UnsafePathException e) {
            throw ApiError.real(400, "(error)invalid filename");
        }
        if (!req.filename().isEmpty()) {
            try {
                rename = FileNames.safe(SafePath.name(req.filename()));
            } catch (UnsafePathException e) {
                throw ApiError.real(400, "(error)invalid filename");
            }
        }
        String stored = rename.isEmpty() ? name : rename;
        if (!cfg.extensions().isEmpty() && !cfg.extensions().contains(FileNames.lowerExtension(stored))) {
            throw ApiError.fail(400, "(error)file extension mismatch");
        }
        if (!scene.isEmpty()) {
            try {
                SafePath.segment(scene);
                if (PathLayout.reservedTop(scene)) throw new UnsafePathException("reserved");
            } catch (UnsafePathException e) {
                throw ApiError.real(400, "(error)invalid scene");
            }
        }
        String dir = null;
        if (cfg.enableCustomPath() && !req.path().isEmpty()) {
            try {
                dir = req.tus() ? PathLayout.sceneCustomDir(scene, req.path()) : PathLayout.customDir(req.path());
            } catch (UnsafePathException e) {
                throw ApiError.real(400, "(error)invalid path");
            }
        }
        return new UploadPlan(scene, dir, name, rename, req.md5().trim(), req.tus(), List.copyOf(req.extraKeys()));
    }
}
