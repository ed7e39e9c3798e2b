import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { HstRecordFileType } from '../../nodes/shared/hst/recording';
import { formatUtc8 } from './billing';
import type { RecordingTask } from './recordings';

/** One file of a finished recording. Its bytes are a function of the task, so nothing is stored. */
export interface RecordFile {
	index: number;
	/** Where the slice starts, `yyyy-MM-dd HH:mm:ss` UTC+8 (sent as `extent`). */
	sliceStart: string;
	md5: string;
	size: number;
}

/** Where the gateway emulator serves the files: `/record-files/<app>/<record>/<index>.<ext>`. */
const RECORD_FILES_PREFIX = '/record-files/';

type FileSource = Pick<
	RecordingTask,
	'appId' | 'recordId' | 'groupId' | 'fileType' | 'sliceMinutes' | 'recordedMs' | 'createdAt'
>;

function extensionOf(task: Pick<RecordingTask, 'fileType'>): 'mp3' | 'mp4' {
	return task.fileType === HstRecordFileType.MP3 ? 'mp3' : 'mp4';
}

/**
 * The bytes of a slice: a real container header (an MP4 `ftyp` box or an MP3 `ID3` tag) and a text
 * naming the recording, enough for players to recognise the type and for tests to check the md5.
 */
function recordFileContent(task: FileSource, index: number): Buffer {
	const text = Buffer.from(
		`HST sandbox recording ${task.recordId} of group ${task.groupId}, app ${task.appId}, slice ${index}\n`,
	);
	if (extensionOf(task) === 'mp3') {
		return Buffer.concat([
			Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'),
			text,
		]);
	}
	const ftyp = Buffer.alloc(24);
	ftyp.writeUInt32BE(24, 0);
	ftyp.write('ftypisom', 4, 'latin1');
	ftyp.writeUInt32BE(0x200, 12);
	ftyp.write('isommp41', 16, 'latin1');
	return Buffer.concat([ftyp, text]);
}

/** One slice per started `sliceMinutes` of recorded time (at least one). */
export function recordFiles(task: FileSource): RecordFile[] {
	const sliceMs = task.sliceMinutes * 60_000;
	const count = Math.max(1, Math.ceil(task.recordedMs / sliceMs));
	return Array.from({ length: count }, (_, position) => {
		const index = position + 1;
		const content = recordFileContent(task, index);
		return {
			index,
			sliceStart: formatUtc8(task.createdAt + position * sliceMs),
			md5: createHash('md5').update(content).digest('hex'),
			size: content.length,
		};
	});
}

export function recordFilePath(
	task: Pick<RecordingTask, 'appId' | 'recordId' | 'fileType'>,
	index: number,
): string {
	return `${RECORD_FILES_PREFIX}${encodeURIComponent(task.appId)}/${encodeURIComponent(task.recordId)}/${index}.${extensionOf(task)}`;
}

/** The parts of a file path, or undefined when it is not one. */
function parseRecordFilePath(
	pathname: string,
): { appId: string; recordId: string; index: number; extension: string } | undefined {
	if (!pathname.startsWith(RECORD_FILES_PREFIX)) return undefined;
	const parts = pathname.slice(RECORD_FILES_PREFIX.length).split('/');
	const file = /^(\d+)\.(mp3|mp4)$/.exec(parts[2] ?? '');
	if (parts.length !== 3 || !file) return undefined;
	return {
		appId: decodeURIComponent(parts[0]),
		recordId: decodeURIComponent(parts[1]),
		index: Number(file[1]),
		extension: file[2],
	};
}

/** Serves a recording's file as a CDN would: no token, 404 once deleted. */
export function serveRecordFile(
	tasks: { withFiles(appId: string, recordId: string): RecordingTask | undefined },
	pathname: string,
	response: ServerResponse,
): boolean {
	const wanted = parseRecordFilePath(pathname);
	if (!wanted) return false;
	const task = tasks.withFiles(wanted.appId, wanted.recordId);
	const file = task?.files?.find((candidate) => candidate.index === wanted.index);
	if (!task || !file || wanted.extension !== extensionOf(task)) {
		response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such file');
		return true;
	}
	const content = recordFileContent(task, file.index);
	response.writeHead(200, {
		'Content-Type': wanted.extension === 'mp3' ? 'audio/mpeg' : 'video/mp4',
		'Content-Length': content.length,
	});
	response.end(content);
	return true;
}
