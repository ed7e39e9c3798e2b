import type { INodeProperties } from 'n8n-workflow';

import * as addTextOverlay from './addTextOverlay';
import * as remove from './delete';
import * as getDownloadUrls from './getDownloadUrls';
import * as getMany from './getMany';
import * as pause from './pause';
import * as resume from './resume';
import * as setLayout from './setLayout';
import * as start from './start';
import * as stop from './stop';

export const operations = {
	start,
	setLayout,
	addTextOverlay,
	pause,
	resume,
	stop,
	getMany,
	getDownloadUrls,
	delete: remove,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Add Text Overlay',
				value: 'addTextOverlay',
				action: 'Add text to a recording',
				description: 'Show texts on the recorded video',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete recordings',
				description: 'Delete the files, the task records, or both',
			},
			{
				name: 'Get Download URLs',
				value: 'getDownloadUrls',
				action: 'Get the download links of a recording',
				description: 'One item per recorded file',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many recordings',
				description: 'List recording tasks by group, status or time',
			},
			{ name: 'Pause', value: 'pause', action: 'Pause a recording' },
			{ name: 'Resume', value: 'resume', action: 'Resume a recording' },
			{
				name: 'Set Layout',
				value: 'setLayout',
				action: 'Set the layout of a recording',
				description: 'Choose the audio and the videos and where they go; starts a manual recording',
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a recording',
				description: 'Create a recording task for a group, with automatic or manual layout',
			},
			{
				name: 'Stop',
				value: 'stop',
				action: 'Stop a recording',
				description: 'End the task; HST then encodes and uploads the files',
			},
		],
		default: 'start',
	},
	...start.description,
	...setLayout.description,
	...addTextOverlay.description,
	...pause.description,
	...resume.description,
	...stop.description,
	...getMany.description,
	...getDownloadUrls.description,
	...remove.description,
];
